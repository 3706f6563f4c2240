"""The ND30 (Decree 30/2020, Appendix VI) properties in a PDF's XMP packet, with the PDF/A
extension schema (``pdfaExtension:schemas``) that declares every custom property, so PDF/A
validators accept the custom namespaces (ISO 19005-2, 6.6.2.3).

``with_nd30(xmp, document, dossier, extra)`` returns a packet with our three namespaces written
afresh (any earlier ND30 properties and their schema descriptions replaced, every other property
kept); ``read_nd30(xmp)`` reads them back; ``extension_schema_problems(xmp)`` lists properties of
a custom namespace that no extension schema declares (or declares with an unknown value type).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from app.domain import nd30

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
X = "adobe:ns:meta/"
EXT = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROP = "http://www.aiim.org/pdfa/ns/property#"
# Namespaces whose properties PDF/A-2 predefines (XMP 2004 schemas, PDF/A id and extension).
PREDEFINED = frozenset({
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xap/1.0/g/img/", "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",
    "http://ns.adobe.com/xap/1.0/sType/ResourceRef#", "http://ns.adobe.com/pdf/1.3/",
    "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/camera-raw-settings/1.0/",
    "http://www.aiim.org/pdfa/ns/id/", EXT, SCHEMA, PROP, "http://www.aiim.org/pdfa/ns/type#",
    "http://www.aiim.org/pdfa/ns/field#", "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
})
VALUE_TYPES = frozenset({"Text", "Integer", "Date", "Boolean", "Real", "URI", "URL", "AgentName",
                         "ProperName",
                         "Lang Alt", "Bag Text", "Seq Text", "Bag ProperName", "Seq ProperName"})
_OURS = {nd30.DOCUMENT_NS: ("document", nd30.DOCUMENT_PREFIX, "ND30/2020 Appendix VI: document"),
         nd30.DOSSIER_NS: ("dossier", nd30.DOSSIER_PREFIX, "ND30/2020 Appendix VI: dossier"),
         nd30.EXTRA_NS: ("extra", nd30.EXTRA_PREFIX, "Trạm Số hóa Một cửa: processing record")}
_EMPTY = (f'<x:xmpmeta xmlns:x="{X}"><rdf:RDF xmlns:rdf="{RDF}"></rdf:RDF></x:xmpmeta>').encode()


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _parse(xmp: bytes | None) -> etree._Element:
    data = (xmp or b"").strip()
    if not data:
        return etree.fromstring(_EMPTY)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    if root.tag == _q(RDF, "RDF"):  # a bare rdf:RDF without the x:xmpmeta wrapper
        wrapper = etree.Element(_q(X, "xmpmeta"), nsmap={"x": X})
        wrapper.append(root)
        root = wrapper
    return root


def _rdf(root: etree._Element) -> etree._Element:
    node = root if root.tag == _q(RDF, "RDF") else root.find(_q(RDF, "RDF"))
    if node is None:
        raise ValueError("XMP packet without rdf:RDF")
    return node


def _serialize(root: etree._Element) -> bytes:
    body: bytes = etree.tostring(root, encoding="utf-8")
    return (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body
            + b'\n<?xpacket end="w"?>')


def _schema_li(parent: etree._Element, ns: str, props: Mapping[str, str]) -> None:
    scope, prefix, title = _OURS[ns]
    li = etree.SubElement(parent, _q(RDF, "li"), {_q(RDF, "parseType"): "Resource"})
    etree.SubElement(li, _q(SCHEMA, "schema")).text = title
    etree.SubElement(li, _q(SCHEMA, "namespaceURI")).text = ns
    etree.SubElement(li, _q(SCHEMA, "prefix")).text = prefix
    seq = etree.SubElement(etree.SubElement(li, _q(SCHEMA, "property")), _q(RDF, "Seq"))
    specs = {f.name: f for f in (nd30.DOCUMENT_FIELDS if scope == "document" else
                                 nd30.DOSSIER_FIELDS if scope == "dossier" else ())}
    for name in props:
        spec = specs.get(name)
        p = etree.SubElement(seq, _q(RDF, "li"), {_q(RDF, "parseType"): "Resource"})
        etree.SubElement(p, _q(PROP, "name")).text = name
        etree.SubElement(p, _q(PROP, "valueType")).text = nd30.value_type(scope, name)
        etree.SubElement(p, _q(PROP, "category")).text = "external"
        etree.SubElement(p, _q(PROP, "description")).text = spec.description if spec else name


def _drop_ours(rdf: etree._Element) -> None:
    """Remove our properties and our extension schema entries (written again afresh)."""
    for desc in list(rdf.findall(_q(RDF, "Description"))):
        for child in list(desc):
            if etree.QName(child).namespace in _OURS:
                desc.remove(child)
        schemas = desc.find(_q(EXT, "schemas"))
        if schemas is not None:
            bag = schemas.find(_q(RDF, "Bag"))
            for li in list(bag if bag is not None else ()):
                if (li.findtext(_q(SCHEMA, "namespaceURI")) or "").strip() in _OURS:
                    bag.remove(li)
            if bag is None or len(bag) == 0:
                desc.remove(schemas)
        for attr in [a for a in desc.attrib if etree.QName(a).namespace in _OURS]:
            del desc.attrib[attr]
        if len(desc) == 0 and all(a == _q(RDF, "about") for a in desc.attrib):
            rdf.remove(desc)


def with_nd30(xmp: bytes | None, document: Mapping[str, str], dossier: Mapping[str, str] | None = None,
              extra: Mapping[str, str] | None = None) -> bytes:
    """The XMP packet with the ND30 document / dossier properties, our processing keys and the
    extension schema declaring each of them."""
    root = _parse(xmp)
    rdf = _rdf(root)
    _drop_ours(rdf)
    groups = {nd30.DOCUMENT_NS: dict(document), nd30.DOSSIER_NS: dict(dossier or {}),
              nd30.EXTRA_NS: dict(extra or {})}
    groups = {ns: {k: str(v) for k, v in props.items() if str(v).strip()} for ns, props in groups.items()}
    groups = {ns: props for ns, props in groups.items() if props}
    if not groups:
        return _serialize(root)
    ext = etree.SubElement(rdf, _q(RDF, "Description"), {_q(RDF, "about"): ""},
                           nsmap={"pdfaExtension": EXT, "pdfaSchema": SCHEMA, "pdfaProperty": PROP})
    bag = etree.SubElement(etree.SubElement(ext, _q(EXT, "schemas")), _q(RDF, "Bag"))
    for ns, props in groups.items():
        _schema_li(bag, ns, props)
    nsmap = {_OURS[ns][1]: ns for ns in groups}
    desc = etree.SubElement(rdf, _q(RDF, "Description"), {_q(RDF, "about"): ""}, nsmap=nsmap)
    for ns, props in groups.items():
        for name, value in props.items():
            etree.SubElement(desc, _q(ns, name)).text = value
    return _serialize(root)


@dataclass
class Nd30Xmp:
    document: dict[str, str] = field(default_factory=dict)
    dossier: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


def _simple_value(el: etree._Element) -> str:
    if len(el) == 0:
        return (el.text or "").strip()
    alt = el.find(f"{_q(RDF, 'Alt')}/{_q(RDF, 'li')}")  # tolerate Lang Alt from other writers
    return (alt.text or "").strip() if alt is not None else ""


def read_nd30(xmp: bytes | None) -> Nd30Xmp:
    """Our properties from an XMP packet, as element or attribute (both RDF forms)."""
    out = Nd30Xmp()
    if not xmp:
        return out
    rdf = _rdf(_parse(xmp))
    target = {nd30.DOCUMENT_NS: out.document, nd30.DOSSIER_NS: out.dossier, nd30.EXTRA_NS: out.extra}
    for desc in rdf.findall(_q(RDF, "Description")):
        for attr, value in desc.attrib.items():
            q = etree.QName(attr)
            if q.namespace in target:
                target[q.namespace][q.localname] = value.strip()
        for child in desc:
            q = etree.QName(child)
            if q.namespace in target:
                target[q.namespace][q.localname] = _simple_value(child)
    return out


def extension_schema_problems(xmp: bytes) -> list[str]:
    """Properties of namespaces PDF/A does not predefine that no ``pdfaExtension:schemas`` entry
    declares (name and namespace), declared twice, or declared with an unknown value type; and
    extension schema entries missing their required fields. Empty: the packet is consistent."""
    rdf = _rdf(_parse(xmp))
    declared: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    for li in rdf.iter(_q(RDF, "li")):
        uri = li.findtext(_q(SCHEMA, "namespaceURI"))
        if uri is None:
            continue
        uri = uri.strip()
        if (not (li.findtext(_q(SCHEMA, "prefix")) or "").strip()
                or not (li.findtext(_q(SCHEMA, "schema")) or "").strip()):
            problems.append(f"schema {uri}: pdfaSchema:prefix and pdfaSchema:schema are required")
        props = declared.setdefault(uri, {})
        for p in li.iterfind(f"{_q(SCHEMA, 'property')}/{_q(RDF, 'Seq')}/{_q(RDF, 'li')}"):
            name, vtype = ((p.findtext(_q(PROP, "name")) or "").strip(),
                           (p.findtext(_q(PROP, "valueType")) or "").strip())
            category = (p.findtext(_q(PROP, "category")) or "").strip()
            if name in props:
                problems.append(f"{uri}{name}: declared twice")
            props[name] = vtype
            if vtype not in VALUE_TYPES:
                problems.append(f"{uri}{name}: unknown value type '{vtype}'")
            if category not in ("internal", "external") or p.findtext(_q(PROP, "description")) is None:
                problems.append(f"{uri}{name}: pdfaProperty:category and pdfaProperty:description are "
                                "required")
    for desc in rdf.findall(_q(RDF, "Description")):
        used = [etree.QName(c) for c in desc] + [etree.QName(a) for a in desc.attrib if a != _q(RDF, "about")]
        for q in used:
            if q.namespace in PREDEFINED or q.namespace == RDF:
                continue
            if q.localname not in declared.get(q.namespace or "", {}):
                problems.append(f"{q.namespace}{q.localname}: not declared in an extension schema")
    return problems


PDFAID = "http://www.aiim.org/pdfa/ns/id/"
# XMP value forms (XMP Specification Part 1, 8.2.1) of the simple types our schemas declare
_INTEGER = re.compile(r"^[+-]?\d+$")
_REAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")
_VALUE_FORMS = {"Integer": _INTEGER, "Real": _REAL, "Date": _DATE, "Boolean": re.compile(r"^(True|False)$")}


def pdfa_problems(xmp: bytes, *, part: str = "2", conformance: str = "B") -> list[str]:
    """The PDF/A metadata rules (ISO 19005-2, 6.6) that can be checked on the packet alone:
    :func:`extension_schema_problems`, plus the ``pdfaid`` identification (part and
    conformance, once each), an ``xpacket`` header without ``bytes``/``encoding``, the
    extension schema's containers (``rdf:Bag`` of schemas, ``rdf:Seq`` of properties), a
    namespace URI ending in ``/`` or ``#``, the prefix a custom property is written with equal to
    the one its schema declares, and each custom property's value in the form of its declared
    type (Integer, Real, Date, Boolean; simple Text without structure). Empty: consistent.
    Not checked here: the rest of PDF/A (fonts, colour, the file structure; see the tests)."""
    problems = list(extension_schema_problems(xmp))
    head = xmp.lstrip()[:200]
    if head.startswith(b"<?xpacket"):
        header = head.split(b"?>", 1)[0]
        if b"bytes=" in header or b"encoding=" in header:
            problems.append("xpacket header: the bytes and encoding attributes are not allowed")
    rdf = _rdf(_parse(xmp))
    ident: dict[str, list[str]] = {}
    for desc in rdf.findall(_q(RDF, "Description")):
        for child in desc:
            if etree.QName(child).namespace == PDFAID:
                ident.setdefault(etree.QName(child).localname, []).append((child.text or "").strip())
        for attr, value in desc.attrib.items():
            if etree.QName(attr).namespace == PDFAID:
                ident.setdefault(etree.QName(attr).localname, []).append(value.strip())
    for name, want in (("part", part), ("conformance", conformance)):
        got = ident.get(name, [])
        if len(got) != 1:
            problems.append(f"pdfaid:{name}: present {len(got)} times, exactly once required")
        elif got[0] != want:
            problems.append(f"pdfaid:{name}: '{got[0]}', expected '{want}'")
    declared: dict[str, tuple[str, dict[str, str]]] = {}
    for schemas in rdf.iter(_q(EXT, "schemas")):
        if schemas.find(_q(RDF, "Bag")) is None:
            problems.append("pdfaExtension:schemas: must hold an rdf:Bag")
    for li in rdf.iter(_q(RDF, "li")):
        uri = (li.findtext(_q(SCHEMA, "namespaceURI")) or "").strip()
        if not uri:
            continue
        if not uri.endswith(("/", "#")):
            problems.append(f"schema {uri}: a namespace URI ends with '/' or '#'")
        prop = li.find(_q(SCHEMA, "property"))
        if prop is not None and prop.find(_q(RDF, "Seq")) is None:
            problems.append(f"schema {uri}: pdfaSchema:property must hold an rdf:Seq")
        types = {(p.findtext(_q(PROP, "name")) or "").strip(): (p.findtext(_q(PROP,
                                                                              "valueType")) or "").strip()
                 for p in li.iterfind(f"{_q(SCHEMA, 'property')}/{_q(RDF, 'Seq')}/{_q(RDF, 'li')}")}
        declared[uri] = ((li.findtext(_q(SCHEMA, "prefix")) or "").strip(), types)
    for desc in rdf.findall(_q(RDF, "Description")):
        for child in desc:
            q = etree.QName(child)
            if q.namespace not in declared:
                continue
            prefix, types = declared[q.namespace]
            if child.prefix != prefix:
                problems.append(f"{q.namespace}{q.localname}: written with prefix '{child.prefix}', "
                                f"its schema declares '{prefix}'")
            vtype = types.get(q.localname, "")
            if vtype in _VALUE_FORMS or vtype == "Text":
                if len(child):
                    problems.append(f"{q.namespace}{q.localname}: a {vtype} is a simple value, not a "
                                    "structure")
                elif vtype in _VALUE_FORMS and not _VALUE_FORMS[vtype].match((child.text or "").strip()):
                    problems.append(f"{q.namespace}{q.localname}: '{(child.text or '').strip()}' is not a "
                                    f"valid {vtype}")
    return problems
