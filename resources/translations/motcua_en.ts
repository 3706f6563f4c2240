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
        <source>reading the supervisor's decision</source>
        <translation>reading the supervisor's decision</translation>
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
        <source>Sent back by %1: %2</source>
        <translation>Sent back by %1: %2</translation>
    </message>
    <message>
        <source>%1 — may be in the warehouse</source>
        <translation>%1 — may be in the warehouse</translation>
    </message>
    <message>
        <source>updating the component</source>
        <translation>updating the component</translation>
    </message>
    <message>
        <source>%1 (to pay)</source>
        <translation>%1 (to pay)</translation>
    </message>
    <message>
        <source>Digitization fee to pay: %1.</source>
        <translation>Digitization fee to pay: %1.</translation>
    </message>
    <message>
        <source>Check the warehouse again</source>
        <translation>Check the warehouse again</translation>
    </message>
    <message>
        <source>Citizen has no electronic copy</source>
        <translation>Citizen has no electronic copy</translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation>Stop checking</translation>
    </message>
    <message>
        <source>Guide the citizen</source>
        <translation>Guide the citizen</translation>
    </message>
    <message>
        <source>Request the link</source>
        <translation>Request the link</translation>
    </message>
    <message>
        <source>National-portal account: asking the provincial system…</source>
        <translation>National-portal account: asking the provincial system…</translation>
    </message>
    <message>
        <source>warehouse: one found, attached (%1)</source>
        <translation>warehouse: one found, attached (%1)</translation>
    </message>
    <message>
        <source>warehouse: %1 found, choose one (Ctrl+K)</source>
        <translation>warehouse: %1 found, choose one (Ctrl+K)</translation>
    </message>
    <message>
        <source>warehouse: checked, none found — digitize</source>
        <translation>warehouse: checked, none found — digitize</translation>
    </message>
    <message>
        <source>warehouse: the citizen has no electronic copy — digitize</source>
        <translation>warehouse: the citizen has no electronic copy — digitize</translation>
    </message>
    <message>
        <source>warehouse: the paper is used instead (%1)</source>
        <translation>warehouse: the paper is used instead (%1)</translation>
    </message>
    <message>
        <source>warehouse: could not be checked (server away), recorded — digitize</source>
        <translation>warehouse: could not be checked (server away), recorded — digitize</translation>
    </message>
    <message>
        <source>Checking the owner's data warehouse for every reusable component…</source>
        <translation>Checking the owner's data warehouse for every reusable component…</translation>
    </message>
    <message>
        <source>Warehouse checked: %1 attached, %2 to choose, %3 to digitize.</source>
        <translation>Warehouse checked: %1 attached, %2 to choose, %3 to digitize.</translation>
    </message>
    <message>
        <source>The server could not be reached: recorded; check again when it is back.</source>
        <translation>The server could not be reached: recorded; check again when it is back.</translation>
    </message>
    <message>
        <source>Warehouse check stopped; components not checked cannot be scanned yet.</source>
        <translation>Warehouse check stopped; components not checked cannot be scanned yet.</translation>
    </message>
    <message>
        <source>checking the warehouse</source>
        <translation>checking the warehouse</translation>
    </message>
    <message>
        <source>checking the component</source>
        <translation>checking the component</translation>
    </message>
    <message>
        <source>No electronic copy</source>
        <translation>No electronic copy</translation>
    </message>
    <message>
        <source>Note (what the citizen said):</source>
        <translation>Note (what the citizen said):</translation>
    </message>
    <message>
        <source>recording the warehouse check</source>
        <translation>recording the warehouse check</translation>
    </message>
    <message>
        <source>reading the portal account</source>
        <translation>reading the portal account</translation>
    </message>
    <message>
        <source>National-portal account: unknown</source>
        <translation>National-portal account: unknown</translation>
    </message>
    <message>
        <source>no account</source>
        <translation>no account</translation>
    </message>
    <message>
        <source>account not linked</source>
        <translation>account not linked</translation>
    </message>
    <message>
        <source>link requested</source>
        <translation>link requested</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>linked</translation>
    </message>
    <message>
        <source>unknown (server away)</source>
        <translation>unknown (server away)</translation>
    </message>
    <message>
        <source>guided to create an account</source>
        <translation>guided to create an account</translation>
    </message>
    <message>
        <source>guided to link</source>
        <translation>guided to link</translation>
    </message>
    <message>
        <source>link request sent</source>
        <translation>link request sent</translation>
    </message>
    <message>
        <source>National-portal account: %1</source>
        <translation>National-portal account: %1</translation>
    </message>
    <message>
        <source>(link request waiting in the outbox)</source>
        <translation>(link request waiting in the outbox)</translation>
    </message>
    <message>
        <source>National-portal account</source>
        <translation>National-portal account</translation>
    </message>
    <message>
        <source>Press OK once the citizen was guided (recorded on the dossier).</source>
        <translation>Press OK once the citizen was guided (recorded on the dossier).</translation>
    </message>
    <message>
        <source>recording the guidance</source>
        <translation>recording the guidance</translation>
    </message>
    <message>
        <source>requesting the account link</source>
        <translation>requesting the account link</translation>
    </message>
    <message>
        <source>reading the warehouse checks</source>
        <translation>reading the warehouse checks</translation>
    </message>
    <message>
        <source>Import files (USB, e-mail)…</source>
        <translation>Import files (USB, e-mail)…</translation>
    </message>
    <message>
        <source>Special original…</source>
        <translation>Special original…</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Import files</translation>
    </message>
    <message>
        <source>PDF and images (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>PDF and images (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Importing %1 file(s)…</source>
        <translation>Importing %1 file(s)…</translation>
    </message>
    <message>
        <source>Imported %1 file(s), %2 page(s) to check on the Scan screen.</source>
        <translation>Imported %1 file(s), %2 page(s) to check on the Scan screen.</translation>
    </message>
    <message>
        <source>%1: signed PDF kept as the original (%2).</source>
        <translation>%1: signed PDF kept as the original (%2).</translation>
    </message>
    <message>
        <source>importing files</source>
        <translation>importing files</translation>
    </message>
    <message>
        <source>Glossy photograph (enhancement profile after scanning)</source>
        <translation>Glossy photograph (enhancement profile after scanning)</translation>
    </message>
    <message>
        <source>Fragile original: decline digitizing, with the reason</source>
        <translation>Fragile original: decline digitizing, with the reason</translation>
    </message>
    <message>
        <source>Audio-visual original: record as received, not digitized</source>
        <translation>Audio-visual original: record as received, not digitized</translation>
    </message>
    <message>
        <source>Special original</source>
        <translation>Special original</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Reason (on the receipt):</source>
        <translation>Reason (on the receipt):</translation>
    </message>
    <message>
        <source>recording the special original</source>
        <translation>recording the special original</translation>
    </message>
    <message>
        <source>reading the scan sessions</source>
        <translation>reading the scan sessions</translation>
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
        <source>Signed; %1</source>
        <translation>Signed; %1</translation>
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
        <source>Sent back for correction</source>
        <translation>Sent back for correction</translation>
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
    <message>
        <source>To sign</source>
        <translation>To sign</translation>
    </message>
    <message>
        <source>To send</source>
        <translation>To send</translation>
    </message>
    <message>
        <source>Send failed</source>
        <translation>Send failed</translation>
    </message>
    <message>
        <source>At the province</source>
        <translation>At the province</translation>
    </message>
    <message>
        <source>To return</source>
        <translation>To return</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Waiting to be forwarded</source>
        <translation>Waiting to be forwarded</translation>
    </message>
    <message>
        <source>Forwarded, waiting for the check</source>
        <translation>Forwarded, waiting for the check</translation>
    </message>
    <message>
        <source>Checked: matches</source>
        <translation>Checked: matches</translation>
    </message>
    <message>
        <source>Checked: does not match</source>
        <translation>Checked: does not match</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>One-stop Digitization Station</source>
        <translation>One-stop Digitization Station</translation>
    </message>
    <message>
        <source>saving the window state</source>
        <translation>saving the window state</translation>
    </message>
    <message>
        <source>Dossier: %1</source>
        <translation>Dossier: %1</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>officer</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>agency administrator</source>
        <translation>agency administrator</translation>
    </message>
    <message>
        <source>provincial administrator</source>
        <translation>provincial administrator</translation>
    </message>
    <message>
        <source>%1 · offline</source>
        <translation>%1 · offline</translation>
    </message>
    <message>
        <source>Logged in offline: the provincial system was unreachable</source>
        <translation>Logged in offline: the provincial system was unreachable</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Token PIN</source>
        <translation>Token PIN</translation>
    </message>
    <message>
        <source>Enter the PIN of token “%1”. It is used for this signing only and is never saved.</source>
        <translation>Enter the PIN of token “%1”. It is used for this signing only and is never saved.</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>the agency's key</source>
        <translation>the agency's key</translation>
    </message>
    <message>
        <source>the officer's key</source>
        <translation>the officer's key</translation>
    </message>
    <message numerus="yes">
        <source>Signing %n document(s) with the certificate of &lt;b&gt;%1&lt;/b&gt; (%2), valid until %3.</source>
        <translation><numerusform>Signing %n document with the certificate of &lt;b&gt;%1&lt;/b&gt; (%2), valid until %3.</numerusform><numerusform>Signing %n documents with the certificate of &lt;b&gt;%1&lt;/b&gt; (%2), valid until %3.</numerusform></translation>
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
    <message>
        <source>Print the receipt (Ctrl+R)</source>
        <translation>Print the receipt (Ctrl+R)</translation>
    </message>
    <message>
        <source>Not received again: dossier %1 is the one received at %2.</source>
        <translation>Not received again: dossier %1 is the one received at %2.</translation>
    </message>
    <message>
        <source>Receive again?</source>
        <translation>Receive again?</translation>
    </message>
    <message>
        <source>Dossier %1 for this citizen and this procedure was received at %2. Receive another dossier?</source>
        <translation>Dossier %1 for this citizen and this procedure was received at %2. Receive another dossier?</translation>
    </message>
    <message>
        <source>Receive a new dossier</source>
        <translation>Receive a new dossier</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 — %2 — %3; result due on %4.</source>
        <translation>%1 — %2 — %3; result due on %4.</translation>
    </message>
    <message>
        <source>Receive a dossier first.</source>
        <translation>Receive a dossier first.</translation>
    </message>
    <message>
        <source>writing the receipt</source>
        <translation>writing the receipt</translation>
    </message>
    <message>
        <source>Receipt written: %1</source>
        <translation>Receipt written: %1</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Both sides (duplex)</source>
        <translation>Both sides (duplex)</translation>
    </message>
    <message>
        <source>Scan (F9)</source>
        <translation>Scan (F9)</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>Stop (Esc)</translation>
    </message>
    <message>
        <source>%v of %m pages</source>
        <translation>%v of %m pages</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Device:</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profile:</translation>
    </message>
    <message>
        <source>Declared &amp;sheets:</source>
        <translation>Declared &amp;sheets:</translation>
    </message>
    <message>
        <source>Quality findings</source>
        <translation>Quality findings</translation>
    </message>
    <message>
        <source>Rotate (Ctrl+R)</source>
        <translation>Rotate (Ctrl+R)</translation>
    </message>
    <message>
        <source>Delete (Del)</source>
        <translation>Delete (Del)</translation>
    </message>
    <message>
        <source>Rescan this page (Ctrl+Shift+R)</source>
        <translation>Rescan this page (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Insert after (Ctrl+I)</source>
        <translation>Insert after (Ctrl+I)</translation>
    </message>
    <message>
        <source>Accept with a reason… (Ctrl+O)</source>
        <translation>Accept with a reason… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Apply the fix (Ctrl+J)</source>
        <translation>Apply the fix (Ctrl+J)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>Build the PDF (Ctrl+B)</source>
        <translation>Build the PDF (Ctrl+B)</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>listing scanners</source>
        <translation>listing scanners</translation>
    </message>
    <message>
        <source>reopening the scan session</source>
        <translation>reopening the scan session</translation>
    </message>
    <message>
        <source>Open a dossier first (Today's dossiers or Reception).</source>
        <translation>Open a dossier first (Today's dossiers or Reception).</translation>
    </message>
    <message>
        <source>Pick the component to digitize on the Components screen.</source>
        <translation>Pick the component to digitize on the Components screen.</translation>
    </message>
    <message>
        <source>Dossier %1
Component: %2</source>
        <translation>Dossier %1
Component: %2</translation>
    </message>
    <message>
        <source>Reading printed page numbers…</source>
        <translation>Reading printed page numbers…</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <source>scanning</source>
        <translation>scanning</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>front</source>
        <translation>front</translation>
    </message>
    <message>
        <source>back</source>
        <translation>back</translation>
    </message>
    <message>
        <source>Page %1 (sheet %2, %3)</source>
        <translation>Page %1 (sheet %2, %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) scanned.</source>
        <translation><numerusform>%n page scanned.</numerusform><numerusform>%n pages scanned.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before building the PDF.</source>
        <translation><numerusform>%n problem to fix before building the PDF.</numerusform><numerusform>%n problems to fix before building the PDF.</numerusform></translation>
    </message>
    <message>
        <source>No problem found.</source>
        <translation>No problem found.</translation>
    </message>
    <message>
        <source>The scanner stopped at sheet %1: %2 Reload sheet %1 and press Scan (F9) to continue the same session.</source>
        <translation>The scanner stopped at sheet %1: %2 Reload sheet %1 and press Scan (F9) to continue the same session.</translation>
    </message>
    <message>
        <source>Scanning stopped. The pages already scanned are kept.</source>
        <translation>Scanning stopped. The pages already scanned are kept.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <source>reloading the session</source>
        <translation>reloading the session</translation>
    </message>
    <message>
        <source>Accepted: %1 (reason: %2)</source>
        <translation>Accepted: %1 (reason: %2)</translation>
    </message>
    <message>
        <source>Quality findings (%1)</source>
        <translation>Quality findings (%1)</translation>
    </message>
    <message>
        <source>drawing thumbnails</source>
        <translation>drawing thumbnails</translation>
    </message>
    <message>
        <source>opening the page</source>
        <translation>opening the page</translation>
    </message>
    <message>
        <source>changing the page</source>
        <translation>changing the page</translation>
    </message>
    <message>
        <source>reordering pages</source>
        <translation>reordering pages</translation>
    </message>
    <message>
        <source>Accept with a reason</source>
        <translation>Accept with a reason</translation>
    </message>
    <message>
        <source>Why is this page acceptable as it is?</source>
        <translation>Why is this page acceptable as it is?</translation>
    </message>
    <message>
        <source>A reason is required to accept a finding.</source>
        <translation>A reason is required to accept a finding.</translation>
    </message>
    <message>
        <source>This scan was interrupted: press Scan (F9) to continue from sheet %1.</source>
        <translation>This scan was interrupted: press Scan (F9) to continue from sheet %1.</translation>
    </message>
    <message>
        <source>This page changed after it was scanned and cannot be accepted: rescan it (Ctrl+Shift+R) or delete it (Del).</source>
        <translation>This page changed after it was scanned and cannot be accepted: rescan it (Ctrl+Shift+R) or delete it (Del).</translation>
    </message>
    <message>
        <source>recording the override</source>
        <translation>recording the override</translation>
    </message>
    <message>
        <source>applying the fix</source>
        <translation>applying the fix</translation>
    </message>
    <message>
        <source>This finding has no automatic fix: rescan the page or accept it with a reason.</source>
        <translation>This finding has no automatic fix: rescan the page or accept it with a reason.</translation>
    </message>
    <message>
        <source>Fix or accept every finding before building the PDF.</source>
        <translation>Fix or accept every finding before building the PDF.</translation>
    </message>
    <message>
        <source>Building the PDF…</source>
        <translation>Building the PDF…</translation>
    </message>
    <message>
        <source>building the PDF</source>
        <translation>building the PDF</translation>
    </message>
    <message>
        <source>PDF built; the component is ready to sign.</source>
        <translation>PDF built; the component is ready to sign.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) to look at; the PDF can be built.</source>
        <translation><numerusform>%n warning to look at; the PDF can be built.</numerusform><numerusform>%n warnings to look at; the PDF can be built.</numerusform></translation>
    </message>
    <message>
        <source>reading the scanner's calibration</source>
        <translation>reading the scanner's calibration</translation>
    </message>
    <message>
        <source>Rescan page %1 (Ctrl+J)</source>
        <translation>Rescan page %1 (Ctrl+J)</translation>
    </message>
    <message>
        <source>Capture page %1 again (Ctrl+J)</source>
        <translation>Capture page %1 again (Ctrl+J)</translation>
    </message>
    <message>
        <source>Straighten page %1 (Ctrl+J)</source>
        <translation>Straighten page %1 (Ctrl+J)</translation>
    </message>
    <message>
        <source>Delete the repeated page %1 (Ctrl+J)</source>
        <translation>Delete the repeated page %1 (Ctrl+J)</translation>
    </message>
    <message>
        <source>Confirm the backs are blank (Ctrl+J)</source>
        <translation>Confirm the backs are blank (Ctrl+J)</translation>
    </message>
    <message>
        <source>Drop the blank backs (Ctrl+J)</source>
        <translation>Drop the blank backs (Ctrl+J)</translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation><numerusform>(+%n more)</numerusform><numerusform>(+%n more)</numerusform></translation>
    </message>
    <message>
        <source>Thumbnail size (Ctrl+Shift++ / Ctrl+Shift+-)</source>
        <translation>Thumbnail size (Ctrl+Shift++ / Ctrl+Shift+-)</translation>
    </message>
    <message>
        <source>Problems only</source>
        <translation>Problems only</translation>
    </message>
    <message>
        <source>Delete the selected pages (Ctrl or Shift + click selects several)</source>
        <translation>Delete the selected pages (Ctrl or Shift + click selects several)</translation>
    </message>
    <message>
        <source>Scan this batch again…</source>
        <translation>Scan this batch again…</translation>
    </message>
    <message>
        <source>Take out every page of the last batch and scan those sheets again</source>
        <translation>Take out every page of the last batch and scan those sheets again</translation>
    </message>
    <message>
        <source>Si&amp;ze:</source>
        <translation>Si&amp;ze:</translation>
    </message>
    <message>
        <source>deleting pages</source>
        <translation>deleting pages</translation>
    </message>
    <message>
        <source>taking the last batch out</source>
        <translation>taking the last batch out</translation>
    </message>
    <message>
        <source>Quality findings: %1 to fix, %2 warning(s), %3 accepted</source>
        <translation>Quality findings: %1 to fix, %2 warning(s), %3 accepted</translation>
    </message>
    <message>
        <source>Scan this batch again</source>
        <translation>Scan this batch again</translation>
    </message>
    <message>
        <source>Take every page of the last batch out of this component and scan those sheets again? The pages taken out stay in the audit log.</source>
        <translation>Take every page of the last batch out of this component and scan those sheets again? The pages taken out stay in the audit log.</translation>
    </message>
    <message>
        <source>Taking the last batch out…</source>
        <translation>Taking the last batch out…</translation>
    </message>
    <message>
        <source>Fit (Ctrl+0)</source>
        <translation>Fit (Ctrl+0)</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>Feeder</translation>
    </message>
    <message>
        <source>Flatbed</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grey</translation>
    </message>
    <message>
        <source>Scan profile for document type %1 (changed in Settings).</source>
        <translation>Scan profile for document type %1 (changed in Settings).</translation>
    </message>
    <message>
        <source>Default scan profile (profiles per document type are set in Settings).</source>
        <translation>Default scan profile (profiles per document type are set in Settings).</translation>
    </message>
    <message>
        <source>correcting the sheet count</source>
        <translation>correcting the sheet count</translation>
    </message>
    <message>
        <source>restoring pages</source>
        <translation>restoring pages</translation>
    </message>
    <message>
        <source>Nothing to undo: only the last deletion can be undone (Ctrl+Z).</source>
        <translation>Nothing to undo: only the last deletion can be undone (Ctrl+Z).</translation>
    </message>
    <message>
        <source>Delete the selected pages (Ctrl or Shift + click selects several; Ctrl+Z brings them back)</source>
        <translation>Delete the selected pages (Ctrl or Shift + click selects several; Ctrl+Z brings them back)</translation>
    </message>
</context>
<context>
    <name>SendScreen</name>
    <message>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Server's reason</source>
        <translation>Server's reason</translation>
    </message>
    <message>
        <source>Send this dossier (Ctrl+Shift+S)</source>
        <translation>Send this dossier (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Retry waiting items (Ctrl+T)</source>
        <translation>Retry waiting items (Ctrl+T)</translation>
    </message>
    <message>
        <source>Result handed over: mark returned (Ctrl+Shift+K)</source>
        <translation>Result handed over: mark returned (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <source>Outbox: updates wait here while the server cannot be reached and are sent as soon as it can.</source>
        <translation>Outbox: updates wait here while the server cannot be reached and are sent as soon as it can.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>reading the outbox</source>
        <translation>reading the outbox</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Failed, will retry</source>
        <translation>Failed, will retry</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>Dossier and files</source>
        <translation>Dossier and files</translation>
    </message>
    <message>
        <source>Warehouse document reused</source>
        <translation>Warehouse document reused</translation>
    </message>
    <message>
        <source>Status update</source>
        <translation>Status update</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>sending the dossier</source>
        <translation>sending the dossier</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>Retrying…</translation>
    </message>
    <message>
        <source>retrying the outbox</source>
        <translation>retrying the outbox</translation>
    </message>
    <message>
        <source>All updates sent.</source>
        <translation>All updates sent.</translation>
    </message>
    <message numerus="yes">
        <source>%n update(s) still waiting; they will be sent when the server answers.</source>
        <translation><numerusform>%n update still waiting; it will be sent when the server answers.</numerusform><numerusform>%n updates still waiting; they will be sent when the server answers.</numerusform></translation>
    </message>
    <message>
        <source>Return of results</source>
        <translation>Return of results</translation>
    </message>
    <message>
        <source>Has the citizen received the paper result of dossier %1?</source>
        <translation>Has the citizen received the paper result of dossier %1?</translation>
    </message>
    <message>
        <source>recording the return of results</source>
        <translation>recording the return of results</translation>
    </message>
    <message>
        <source>Dossier %1 marked as result returned; the update is in the outbox.</source>
        <translation>Dossier %1 marked as result returned; the update is in the outbox.</translation>
    </message>
    <message>
        <source>Looking in the owner's data warehouse…</source>
        <translation>Looking in the owner's data warehouse…</translation>
    </message>
    <message>
        <source>Nothing in the warehouse for this component: scan the paper.</source>
        <translation>Nothing in the warehouse for this component: scan the paper.</translation>
    </message>
    <message>
        <source>searching the warehouse</source>
        <translation>searching the warehouse</translation>
    </message>
    <message>
        <source>attaching the warehouse document</source>
        <translation>attaching the warehouse document</translation>
    </message>
    <message>
        <source>Attached %1 from the warehouse</source>
        <translation>Attached %1 from the warehouse</translation>
    </message>
    <message>
        <source>Province's status</source>
        <translation>Province's status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Feedback on a warehouse document</source>
        <translation>Feedback on a warehouse document</translation>
    </message>
    <message>
        <source>Portal account link request</source>
        <translation>Portal account link request</translation>
    </message>
    <message>
        <source>Result forwarded to another agency</source>
        <translation>Result forwarded to another agency</translation>
    </message>
    <message>
        <source>Not ready to send: %1 must be signed (Ctrl+5) or recorded as not provided (Ctrl+3).</source>
        <translation>Not ready to send: %1 must be signed (Ctrl+5) or recorded as not provided (Ctrl+3).</translation>
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
    <message>
        <source>Time-stamp server:</source>
        <translation>Time-stamp server:</translation>
    </message>
    <message>
        <source>Agency name on copies:</source>
        <translation>Agency name on copies:</translation>
    </message>
    <message>
        <source>Officer's title:</source>
        <translation>Officer's title:</translation>
    </message>
    <message>
        <source>Agency seal image (certified copies):</source>
        <translation>Agency seal image (certified copies):</translation>
    </message>
    <message>
        <source>PNG of the red seal at its real size (dpi recorded)</source>
        <translation>PNG of the red seal at its real size (dpi recorded)</translation>
    </message>
    <message>
        <source>Scan &amp;profiles…</source>
        <translation>Scan &amp;profiles…</translation>
    </message>
</context>
<context>
    <name>SignScreen</name>
    <message>
        <source>Find certificates (Ctrl+L)</source>
        <translation>Find certificates (Ctrl+L)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Signing</translation>
    </message>
    <message>
        <source>Sign the dossier's documents (Ctrl+G)</source>
        <translation>Sign the dossier's documents (Ctrl+G)</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>Stop (Esc)</translation>
    </message>
    <message>
        <source>PKCS#11 module:</source>
        <translation>PKCS#11 module:</translation>
    </message>
    <message>
        <source>Token and certificate:</source>
        <translation>Token and certificate:</translation>
    </message>
    <message>
        <source>Documents of the dossier:</source>
        <translation>Documents of the dossier:</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Looking for tokens…</source>
        <translation>Looking for tokens…</translation>
    </message>
    <message>
        <source>reading the token</source>
        <translation>reading the token</translation>
    </message>
    <message>
        <source>agency</source>
        <translation>agency</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>officer</translation>
    </message>
    <message>
        <source>%1 — %2 (%3), valid until %4</source>
        <translation>%1 — %2 (%3), valid until %4</translation>
    </message>
    <message>
        <source>No certificate found: insert the token and press Find certificates.</source>
        <translation>No certificate found: insert the token and press Find certificates.</translation>
    </message>
    <message>
        <source>Open a dossier first (Today's dossiers or Reception).</source>
        <translation>Open a dossier first (Today's dossiers or Reception).</translation>
    </message>
    <message>
        <source>listing documents</source>
        <translation>listing documents</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Choose a certificate first.</source>
        <translation>Choose a certificate first.</translation>
    </message>
    <message>
        <source>The PIN is empty.</source>
        <translation>The PIN is empty.</translation>
    </message>
    <message>
        <source>Signing… a timestamp server may take a while; you can keep working.</source>
        <translation>Signing… a timestamp server may take a while; you can keep working.</translation>
    </message>
    <message>
        <source>signing</source>
        <translation>signing</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) signed.</source>
        <translation><numerusform>%n document signed.</numerusform><numerusform>%n documents signed.</numerusform></translation>
    </message>
    <message>
        <source>Signing stopped. Documents already signed stay signed.</source>
        <translation>Signing stopped. Documents already signed stay signed.</translation>
    </message>
    <message>
        <source>Stopping after the current document…</source>
        <translation>Stopping after the current document…</translation>
    </message>
    <message>
        <source>Agency key</source>
        <translation>Agency key</translation>
    </message>
    <message numerus="yes">
        <source>Sign %n document(s) with the AGENCY's key “%1”?</source>
        <translation><numerusform>Sign %n document with the AGENCY's key “%1”?</numerusform><numerusform>Sign %n documents with the AGENCY's key “%1”?</numerusform></translation>
    </message>
    <message>
        <source>The agency's key is only for certified copies (SAO Y) and results the agency issues. The signature carries the agency's name and the legal force of the original.</source>
        <translation>The agency's key is only for certified copies (SAO Y) and results the agency issues. The signature carries the agency's name and the legal force of the original.</translation>
    </message>
    <message>
        <source>Sign with the agency's key</source>
        <translation>Sign with the agency's key</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>agency (certified copy)</source>
        <translation>agency (certified copy)</translation>
    </message>
    <message>
        <source>No certificate of the agency on this token.</source>
        <translation>No certificate of the agency on this token.</translation>
    </message>
    <message>
        <source>No certificate of an officer on this token.</source>
        <translation>No certificate of an officer on this token.</translation>
    </message>
    <message>
        <source>This key cannot sign the waiting documents: choose the key shown in the Key column.</source>
        <translation>This key cannot sign the waiting documents: choose the key shown in the Key column.</translation>
    </message>
    <message numerus="yes">
        <source>Agency's key: signs %n certified copy(ies) in the agency's name; you will be asked to confirm.</source>
        <translation><numerusform>Agency's key: signs %n certified copy in the agency's name; you will be asked to confirm.</numerusform><numerusform>Agency's key: signs %n certified copies in the agency's name; you will be asked to confirm.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Officer's key: signs %n digitized document(s).</source>
        <translation><numerusform>Officer's key: signs %n digitized document.</numerusform><numerusform>Officer's key: signs %n digitized documents.</numerusform></translation>
    </message>
    <message>
        <source>Nothing was signed with the agency's key.</source>
        <translation>Nothing was signed with the agency's key.</translation>
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
    <message>
        <source>Components</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Send status</source>
        <translation>Send status</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Enter: the next step · right click: all actions</source>
        <translation>Enter: the next step · right click: all actions</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>Received %1</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Due today or tomorrow</source>
        <translation>Due today or tomorrow</translation>
    </message>
    <message>
        <source>Due later</source>
        <translation>Due later</translation>
    </message>
    <message>
        <source>Open the dossier</source>
        <translation>Open the dossier</translation>
    </message>
    <message>
        <source>Continue scanning</source>
        <translation>Continue scanning</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Return the result…</source>
        <translation>Return the result…</translation>
    </message>
    <message>
        <source>Return of results</source>
        <translation>Return of results</translation>
    </message>
    <message>
        <source>Has the citizen received the paper result of dossier %1?</source>
        <translation>Has the citizen received the paper result of dossier %1?</translation>
    </message>
    <message>
        <source>Yes, result handed over</source>
        <translation>Yes, result handed over</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>recording the return of results</source>
        <translation>recording the return of results</translation>
    </message>
    <message>
        <source>Dossier %1 marked as result returned; the update is in the outbox.</source>
        <translation>Dossier %1 marked as result returned; the update is in the outbox.</translation>
    </message>
</context>
<context>
    <name>WarehouseDialog</name>
    <message>
        <source>Take from the warehouse</source>
        <translation>Take from the warehouse</translation>
    </message>
    <message>
        <source>%1 — %2, issued %3 by %4 (used %5 times)</source>
        <translation>%1 — %2, issued %3 by %4 (used %5 times)</translation>
    </message>
    <message>
        <source>Several documents in the owner's data warehouse fit this component. If the paper differs from the electronic data, scan the paper instead.</source>
        <translation>Several documents in the owner's data warehouse fit this component. If the paper differs from the electronic data, scan the paper instead.</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Save All</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Yes</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Yes to &amp;All</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>N&amp;o to All</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abort</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Restore Defaults</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Show Details...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Hide Details...</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>All days</source>
        <translation>All days</translation>
    </message>
    <message>
        <source>Officer (Ctrl+F)</source>
        <translation>Officer (Ctrl+F)</translation>
    </message>
    <message>
        <source>Procedure code</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>Every state</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>Waiting for review</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>Draw the day's sample (Ctrl+D)</source>
        <translation>Draw the day's sample (Ctrl+D)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Dossier number</source>
        <translation>Dossier number</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Officer</translation>
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
        <source>Why in the queue</source>
        <translation>Why in the queue</translation>
    </message>
    <message>
        <source>Choose a dossier in the queue (Enter)</source>
        <translation>Choose a dossier in the queue (Enter)</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Skew</source>
        <translation>Skew</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>Sharpness</translation>
    </message>
    <message>
        <source>QC findings</source>
        <translation>QC findings</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signer</translation>
    </message>
</context>
<context>
    <name>WarehouseLookDialog</name>
    <message>
        <source>Data warehouse — look before taking</source>
        <translation>Data warehouse — look before taking</translation>
    </message>
    <message>
        <source>Name, code, decision number, issuing agency or abstract</source>
        <translation>Name, code, decision number, issuing agency or abstract</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Choose a document to see its pages</source>
        <translation>Choose a document to see its pages</translation>
    </message>
    <message>
        <source>Take this document</source>
        <translation>Take this document</translation>
    </message>
    <message>
        <source>Wrong citizen information</source>
        <translation>Wrong citizen information</translation>
    </message>
    <message>
        <source>Not the citizen's result</source>
        <translation>Not the citizen's result</translation>
    </message>
    <message>
        <source>Not signed with a Government Cipher Committee certificate</source>
        <translation>Not signed with a Government Cipher Committee certificate</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>Not this one (send feedback)</source>
        <translation>Not this one (send feedback)</translation>
    </message>
    <message>
        <source>Why the paper differs from the electronic copy</source>
        <translation>Why the paper differs from the electronic copy</translation>
    </message>
    <message>
        <source>Take the paper instead</source>
        <translation>Take the paper instead</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Document code</source>
        <translation>Document code</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>&amp;1 Pages and QC</source>
        <translation>&amp;1 Pages and QC</translation>
    </message>
    <message>
        <source>&amp;2 Overrides</source>
        <translation>&amp;2 Overrides</translation>
    </message>
    <message>
        <source>&amp;3 Metadata</source>
        <translation>&amp;3 Metadata</translation>
    </message>
    <message>
        <source>&amp;4 Signatures</source>
        <translation>&amp;4 Signatures</translation>
    </message>
    <message>
        <source>&amp;5 Reused documents</source>
        <translation>&amp;5 Reused documents</translation>
    </message>
    <message>
        <source>&amp;6 Audit trail</source>
        <translation>&amp;6 Audit trail</translation>
    </message>
    <message>
        <source>Reason to send back (blank: fine)</source>
        <translation>Reason to send back (blank: fine)</translation>
    </message>
    <message>
        <source>Overall reason (optional)</source>
        <translation>Overall reason (optional)</translation>
    </message>
    <message>
        <source>Approve (Ctrl+Enter)</source>
        <translation>Approve (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Send back (Ctrl+B)</source>
        <translation>Send back (Ctrl+B)</translation>
    </message>
    <message>
        <source>Quality review</source>
        <translation>Quality review</translation>
    </message>
    <message>
        <source>Only a supervisor reviews dossiers.</source>
        <translation>Only a supervisor reviews dossiers.</translation>
    </message>
    <message>
        <source>reading the review queue</source>
        <translation>reading the review queue</translation>
    </message>
    <message>
        <source>random sample</source>
        <translation>random sample</translation>
    </message>
    <message>
        <source>override</source>
        <translation>override</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>picked</translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s) to review</source>
        <translation><numerusform>%n dossier to review</numerusform><numerusform>%n dossiers to review</numerusform></translation>
    </message>
    <message>
        <source>reading the dossier</source>
        <translation>reading the dossier</translation>
    </message>
    <message>
        <source>%1 — %2 — received by %3 — version %4</source>
        <translation>%1 — %2 — received by %3 — version %4</translation>
    </message>
    <message>
        <source>The workstation has not sent this dossier's review packet yet.</source>
        <translation>The workstation has not sent this dossier's review packet yet.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>malformed</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <source>&amp;2 Overrides (%1)</source>
        <translation>&amp;2 Overrides (%1)</translation>
    </message>
    <message>
        <source>&amp;3 Metadata (%1)</source>
        <translation>&amp;3 Metadata (%1)</translation>
    </message>
    <message>
        <source>Reasons are written: send the dossier back, or clear them to approve.</source>
        <translation>Reasons are written: send the dossier back, or clear them to approve.</translation>
    </message>
    <message>
        <source>sending the decision</source>
        <translation>sending the decision</translation>
    </message>
    <message>
        <source>%1 approved.</source>
        <translation>%1 approved.</translation>
    </message>
    <message>
        <source>%1 sent back to the officer.</source>
        <translation>%1 sent back to the officer.</translation>
    </message>
    <message>
        <source>The provincial system is unreachable: the decision waits in the outbox.</source>
        <translation>The provincial system is unreachable: the decision waits in the outbox.</translation>
    </message>
    <message>
        <source>Sample %1: %2 of %3 dossiers drawn at random.</source>
        <translation>Sample %1: %2 of %3 dossiers drawn at random.</translation>
    </message>
    <message>
        <source>drawing the sample</source>
        <translation>drawing the sample</translation>
    </message>
    <message>
        <source>no scan session</source>
        <translation>no scan session</translation>
    </message>
    <message>
        <source>Choose a page</source>
        <translation>Choose a page</translation>
    </message>
    <message>
        <source>Loading the page…</source>
        <translation>Loading the page…</translation>
    </message>
    <message>
        <source>reading the pages</source>
        <translation>reading the pages</translation>
    </message>
    <message>
        <source>No page image for this row</source>
        <translation>No page image for this row</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Chosen dates</source>
        <translation>Chosen dates</translation>
    </message>
    <message>
        <source>By officer</source>
        <translation>By officer</translation>
    </message>
    <message>
        <source>By procedure</source>
        <translation>By procedure</translation>
    </message>
    <message>
        <source>Whole agency (provincial system)</source>
        <translation>Whole agency (provincial system)</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>This workstation</translation>
    </message>
    <message>
        <source>Show (F5)</source>
        <translation>Show (F5)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Dossiers received</source>
        <translation>Dossiers received</translation>
    </message>
    <message>
        <source>Pages digitized</source>
        <translation>Pages digitized</translation>
    </message>
    <message>
        <source>Reuse rate (period)</source>
        <translation>Reuse rate (period)</translation>
    </message>
    <message>
        <source>Reuse rate, year to date</source>
        <translation>Reuse rate, year to date</translation>
    </message>
    <message>
        <source>QC passed first time</source>
        <translation>QC passed first time</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation>Overrides</translation>
    </message>
    <message>
        <source>Hours to send (median)</source>
        <translation>Hours to send (median)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Reuse rate</source>
        <translation>Reuse rate</translation>
    </message>
    <message>
        <source>QC first pass</source>
        <translation>QC first pass</translation>
    </message>
    <message>
        <source>Indicator (Decision 766)</source>
        <translation>Indicator (Decision 766)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Full points at</source>
        <translation>Full points at</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>Reuse rate by group (%), target 60%</source>
        <translation>Reuse rate by group (%), target 60%</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>computing the figures</source>
        <translation>computing the figures</translation>
    </message>
    <message>
        <source>Reuse rate year to date %1 against the target of %2</source>
        <translation>Reuse rate year to date %1 against the target of %2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Export the figures</source>
        <translation>Export the figures</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>The configuration file has errors; defaults are used for these keys:</source>
        <translation>The configuration file has errors; defaults are used for these keys:</translation>
    </message>
    <message>
        <source>Searching the owner's data warehouse…</source>
        <translation>Searching the owner's data warehouse…</translation>
    </message>
    <message>
        <source>searching the warehouse</source>
        <translation>searching the warehouse</translation>
    </message>
    <message>
        <source>%1 document(s) found</source>
        <translation>%1 document(s) found</translation>
    </message>
    <message>
        <source>Nothing found in the warehouse: digitize the paper.</source>
        <translation>Nothing found in the warehouse: digitize the paper.</translation>
    </message>
    <message>
        <source>Cannot be taken: %1</source>
        <translation>Cannot be taken: %1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Decision number</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>Abstract</source>
        <translation>Abstract</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>Rendering the pages…</source>
        <translation>Rendering the pages…</translation>
    </message>
    <message>
        <source>rendering the warehouse document</source>
        <translation>rendering the warehouse document</translation>
    </message>
    <message>
        <source>No page to show</source>
        <translation>No page to show</translation>
    </message>
    <message>
        <source>Attaching %1…</source>
        <translation>Attaching %1…</translation>
    </message>
    <message>
        <source>attaching the warehouse document</source>
        <translation>attaching the warehouse document</translation>
    </message>
    <message>
        <source>Feedback on %1 sent to the province.</source>
        <translation>Feedback on %1 sent to the province.</translation>
    </message>
    <message>
        <source>Feedback on %1 waits in the outbox (server away); it is sent later.</source>
        <translation>Feedback on %1 waits in the outbox (server away); it is sent later.</translation>
    </message>
    <message>
        <source>sending feedback</source>
        <translation>sending feedback</translation>
    </message>
    <message>
        <source>taking the paper instead</source>
        <translation>taking the paper instead</translation>
    </message>
</context>
<context>
    <name>HelpKeys</name>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Cancel the running work</source>
        <translation>Cancel the running work</translation>
    </message>
    <message>
        <source>Delete the selected page</source>
        <translation>Delete the selected page</translation>
    </message>
    <message>
        <source>Fit the page to the viewer</source>
        <translation>Fit the page to the viewer</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Next tab</source>
        <translation>Next tab</translation>
    </message>
    <message>
        <source>Actions of the selected row</source>
        <translation>Actions of the selected row</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Go to: %1</source>
        <translation>Go to: %1</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>This help</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>Next / previous field</translation>
    </message>
    <message>
        <source>Run the focused button or the row's next step</source>
        <translation>Run the focused button or the row's next step</translation>
    </message>
    <message>
        <source>Close a dialog (its safe answer)</source>
        <translation>Close a dialog (its safe answer)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>On this screen: %1</source>
        <translation>On this screen: %1</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Everywhere</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>What it does</translation>
    </message>
    <message>
        <source>No keys of its own</source>
        <translation>No keys of its own</translation>
    </message>
    <message>
        <source>Find a procedure</source>
        <translation>Find a procedure</translation>
    </message>
</context>
<context>
    <name>ScanProfiles</name>
    <message>
        <source>Document type</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Both sides</source>
        <translation>Both sides</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grey</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>Feeder</translation>
    </message>
    <message>
        <source>Flatbed</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <source>&amp;Add a document type</source>
        <translation>&amp;Add a document type</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>&amp;Save the profiles</source>
        <translation>&amp;Save the profiles</translation>
    </message>
    <message>
        <source>The row without a document type is the default profile. Document types are the catalogue's codes (GKS, DON, GCS…).</source>
        <translation>The row without a document type is the default profile. Document types are the catalogue's codes (GKS, DON, GCS…).</translation>
    </message>
    <message>
        <source>saving the scan profiles</source>
        <translation>saving the scan profiles</translation>
    </message>
    <message>
        <source>Scan profiles saved.</source>
        <translation>Scan profiles saved.</translation>
    </message>
    <message>
        <source>Scan profiles per document type</source>
        <translation>Scan profiles per document type</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>To do</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>Scanned, PDF not built</source>
        <translation>Scanned, PDF not built</translation>
    </message>
    <message>
        <source>PDF built, to sign</source>
        <translation>PDF built, to sign</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>From the warehouse</source>
        <translation>From the warehouse</translation>
    </message>
    <message>
        <source>Not provided</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <source>Scan stopped: resume it</source>
        <translation>Scan stopped: resume it</translation>
    </message>
    <message>
        <source>%1 of %2 components done</source>
        <translation>%1 of %2 components done</translation>
    </message>
</context>
<context>
    <name>NotProvidedDialog</name>
    <message>
        <source>Component not provided</source>
        <translation>Component not provided</translation>
    </message>
    <message>
        <source>Record that the citizen does not provide “%1”?</source>
        <translation>Record that the citizen does not provide “%1”?</translation>
    </message>
    <message>
        <source>The procedure requires this component: record it only when the law allows the dossier without it.</source>
        <translation>The procedure requires this component: record it only when the law allows the dossier without it.</translation>
    </message>
    <message>
        <source>Reason (required), e.g. the citizen is not delegated</source>
        <translation>Reason (required), e.g. the citizen is not delegated</translation>
    </message>
    <message>
        <source>Record as not provided</source>
        <translation>Record as not provided</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
</context>
<context>
    <name>FlowHeader</name>
    <message>
        <source>No dossier open: receive one (Ctrl+2) or open it from Today's dossiers (Ctrl+1).</source>
        <translation>No dossier open: receive one (Ctrl+2) or open it from Today's dossiers (Ctrl+1).</translation>
    </message>
    <message>
        <source>Dossier %1 — %2 — %3</source>
        <translation>Dossier %1 — %2 — %3</translation>
    </message>
    <message>
        <source>1. Reception</source>
        <translation>1. Reception</translation>
    </message>
    <message>
        <source>2. Components %1/%2</source>
        <translation>2. Components %1/%2</translation>
    </message>
    <message>
        <source>3. Signing %1/%2</source>
        <translation>3. Signing %1/%2</translation>
    </message>
    <message>
        <source>4. Sent</source>
        <translation>4. Sent</translation>
    </message>
    <message>
        <source>4. In the outbox</source>
        <translation>4. In the outbox</translation>
    </message>
    <message>
        <source>4. Sending</source>
        <translation>4. Sending</translation>
    </message>
    <message>
        <source>Next: digitize “%1” (Ctrl+3, then Ctrl+D), take it from the warehouse (Ctrl+K) or mark it not provided.</source>
        <translation>Next: digitize “%1” (Ctrl+3, then Ctrl+D), take it from the warehouse (Ctrl+K) or mark it not provided.</translation>
    </message>
    <message numerus="yes">
        <source>Next: sign %n document(s) (Ctrl+5, then Ctrl+G).</source>
        <translation><numerusform>Next: sign %n document (Ctrl+5, then Ctrl+G).</numerusform><numerusform>Next: sign %n documents (Ctrl+5, then Ctrl+G).</numerusform></translation>
    </message>
    <message>
        <source>Next: send the dossier (Ctrl+6, then Ctrl+Shift+S).</source>
        <translation>Next: send the dossier (Ctrl+6, then Ctrl+Shift+S).</translation>
    </message>
</context>
<context>
    <name>GuidedFlow</name>
    <message>
        <source>PDF of “%1” built. Every component is digitized: sign them now (Ctrl+G).</source>
        <translation>PDF of “%1” built. Every component is digitized: sign them now (Ctrl+G).</translation>
    </message>
    <message>
        <source>PDF of “%1” built. Next component: “%2”.</source>
        <translation>PDF of “%1” built. Next component: “%2”.</translation>
    </message>
    <message>
        <source>Every required component is signed: send the dossier (Ctrl+Shift+S).</source>
        <translation>Every required component is signed: send the dossier (Ctrl+Shift+S).</translation>
    </message>
</context>
</TS>
