<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ComponentsScreen</name>
    <message>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Source / state</source>
        <translation>Source / state</translation>
    </message>
    <message>
        <source>Digitization category</source>
        <translation>Digitization category</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Fee if digitized on request</source>
        <translation>Fee if digitized on request</translation>
    </message>
    <message>
        <source>Take from the warehouse (Ctrl+K)</source>
        <translation>Take from the warehouse (Ctrl+K)</translation>
    </message>
    <message>
        <source>Digitize this component (Ctrl+D)</source>
        <translation>Digitize this component (Ctrl+D)</translation>
    </message>
    <message>
        <source>Mark not provided</source>
        <translation>Mark not provided</translation>
    </message>
    <message>
        <source>No dossier open. Receive one or open it from Today's dossiers.</source>
        <translation>No dossier open. Receive one or open it from Today's dossiers.</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Dossier %1 — %2 — owner %3 (%4)</source>
        <translation>Dossier %1 — %2 — owner %3 (%4)</translation>
    </message>
    <message>
        <source>%1 per page</source>
        <translation>%1 per page</translation>
    </message>
    <message>
        <source>Free (mandatory)</source>
        <translation>Free (mandatory)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Mandatory categories (1)-(5) are digitized free of charge; other components are digitized on the citizen's request for a fee.</source>
        <translation>Mandatory categories (1)-(5) are digitized free of charge; other components are digitized on the citizen's request for a fee.</translation>
    </message>
    <message>
        <source>%1 — may be in the warehouse</source>
        <translation>%1 — may be in the warehouse</translation>
    </message>
    <message>
        <source>updating the component</source>
        <translation>updating the component</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Receiving</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <source>Digitizing</source>
        <translation>Digitizing</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Sent back by the supervisor</source>
        <translation>Sent back by the supervisor</translation>
    </message>
    <message>
        <source>Result returned</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <source>Not handled yet</source>
        <translation>Not handled yet</translation>
    </message>
    <message>
        <source>Reused from the warehouse</source>
        <translation>Reused from the warehouse</translation>
    </message>
    <message>
        <source>To scan</source>
        <translation>To scan</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <source>PDF built</source>
        <translation>PDF built</translation>
    </message>
    <message>
        <source>Not provided</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <source>(1) Result of an earlier procedure</source>
        <translation>(1) Result of an earlier procedure</translation>
    </message>
    <message>
        <source>(2) Required by specialised law</source>
        <translation>(2) Required by specialised law</translation>
    </message>
    <message>
        <source>(3) Required by the minister or provincial chairman</source>
        <translation>(3) Required by the minister or provincial chairman</translation>
    </message>
    <message>
        <source>(4) Processing result of an agency involved</source>
        <translation>(4) Processing result of an agency involved</translation>
    </message>
    <message>
        <source>(5) Result of the procedure</source>
        <translation>(5) Result of the procedure</translation>
    </message>
    <message>
        <source>On request (fee)</source>
        <translation>On request (fee)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>One-stop Digitization Station</source>
        <translation>One-stop Digitization Station</translation>
    </message>
    <message>
        <source>Dossier: %1</source>
        <translation>Dossier: %1</translation>
    </message>
</context>
<context>
    <name>ReceptionScreen</name>
    <message>
        <source>12-digit personal ID, 9-digit old ID, tax code or agency code</source>
        <translation>12-digit personal ID, 9-digit old ID, tax code or agency code</translation>
    </message>
    <message>
        <source>Read the QR of the ID card… (Ctrl+Q)</source>
        <translation>Read the QR of the ID card… (Ctrl+Q)</translation>
    </message>
    <message>
        <source>Dossier owner</source>
        <translation>Dossier owner</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>Full &amp;name:</source>
        <translation>Full &amp;name:</translation>
    </message>
    <message>
        <source>Birth date:</source>
        <translation>Birth date:</translation>
    </message>
    <message>
        <source>National portal account:</source>
        <translation>National portal account:</translation>
    </message>
    <message>
        <source>&amp;Delegated: someone else hands in the dossier</source>
        <translation>&amp;Delegated: someone else hands in the dossier</translation>
    </message>
    <message>
        <source>Submitter</source>
        <translation>Submitter</translation>
    </message>
    <message>
        <source>Submitter ID:</source>
        <translation>Submitter ID:</translation>
    </message>
    <message>
        <source>Submitter name:</source>
        <translation>Submitter name:</translation>
    </message>
    <message>
        <source>Procedure code or name, with or without accents (Ctrl+P)</source>
        <translation>Procedure code or name, with or without accents (Ctrl+P)</translation>
    </message>
    <message>
        <source>Administrative procedure</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <source>Receive the dossier (Ctrl+Enter)</source>
        <translation>Receive the dossier (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>New reception (F2)</source>
        <translation>New reception (F2)</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>Valid personal ID: registered in %1, born %2</source>
        <translation>Valid personal ID: registered in %1, born %2</translation>
    </message>
    <message>
        <source>Valid identifier</source>
        <translation>Valid identifier</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>checking the portal account</source>
        <translation>checking the portal account</translation>
    </message>
    <message>
        <source>Linked to the national ID (VNeID): the citizen can follow the dossier online.</source>
        <translation>Linked to the national ID (VNeID): the citizen can follow the dossier online.</translation>
    </message>
    <message>
        <source>Has an account, not linked to VNeID: advise linking it at dichvucong.gov.vn.</source>
        <translation>Has an account, not linked to VNeID: advise linking it at dichvucong.gov.vn.</translation>
    </message>
    <message>
        <source>No account: guide the citizen to register with VNeID to receive results online.</source>
        <translation>No account: guide the citizen to register with VNeID to receive results online.</translation>
    </message>
    <message>
        <source>Unknown (server not reachable or not configured).</source>
        <translation>Unknown (server not reachable or not configured).</translation>
    </message>
    <message>
        <source>Scanned ID card image</source>
        <translation>Scanned ID card image</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>reading the ID card</source>
        <translation>reading the ID card</translation>
    </message>
    <message>
        <source>Enter the owner's ID number first.</source>
        <translation>Enter the owner's ID number first.</translation>
    </message>
    <message>
        <source>Enter the submitter's ID number.</source>
        <translation>Enter the submitter's ID number.</translation>
    </message>
    <message>
        <source>Pick the procedure first.</source>
        <translation>Pick the procedure first.</translation>
    </message>
    <message>
        <source>opening the dossier</source>
        <translation>opening the dossier</translation>
    </message>
    <message>
        <source>Dossier number: %1</source>
        <translation>Dossier number: %1</translation>
    </message>
    <message>
        <source>Dossier %1 received</source>
        <translation>Dossier %1 received</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>&amp;Scanner:</source>
        <translation>&amp;Scanner:</translation>
    </message>
    <message>
        <source>PKCS#11 &amp;module:</source>
        <translation>PKCS#11 &amp;module:</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server &amp;URL:</translation>
    </message>
    <message>
        <source>Server CA bundle:</source>
        <translation>Server CA bundle:</translation>
    </message>
    <message>
        <source>&amp;Trust anchors folder:</source>
        <translation>&amp;Trust anchors folder:</translation>
    </message>
    <message>
        <source>Workspace:</source>
        <translation>Workspace:</translation>
    </message>
    <message>
        <source>Officer login:</source>
        <translation>Officer login:</translation>
    </message>
    <message>
        <source>Agency code:</source>
        <translation>Agency code:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>testing a setting</source>
        <translation>testing a setting</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <source>Search by number, owner, name, procedure or state (Ctrl+F)</source>
        <translation>Search by number, owner, name, procedure or state (Ctrl+F)</translation>
    </message>
    <message>
        <source>Only today</source>
        <translation>Only today</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>Open (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <source>Dossier number</source>
        <translation>Dossier number</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Today's dossiers</source>
        <translation>Today's dossiers</translation>
    </message>
    <message>
        <source>loading dossiers</source>
        <translation>loading dossiers</translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s) shown</source>
        <translation><numerusform>%n dossier shown</numerusform><numerusform>%n dossiers shown</numerusform></translation>
    </message>
</context>
</TS>