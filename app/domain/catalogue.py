"""The procedure catalogue (danh mục thủ tục hành chính) and its validation.

The catalogue is data shipped in ``resources/procedures.json``; this module only validates it
and answers questions about it. Loading the file is the caller's business (I/O at the edges):
:func:`parse_catalogue` takes the decoded JSON.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from app.domain.errors import InvalidInput, NotFound
from app.domain.records import ComponentRecord, DigitizationCategory

_PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")
_CONDITIONAL = re.compile(r"\((nếu có|trường hợp[^)]*)\)", re.IGNORECASE)


class ComponentSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=3)
    doc_type: str = Field(pattern=r"^[A-Z0-9]{1,8}$")
    reusable: bool
    category: DigitizationCategory
    required: bool = True
    handling: Literal["form", "document"] = "document"
    # the agency that manages this earlier result (agency code), when the province's catalogue
    # knows it; else the officer names it at the counter (app.domain.routing)
    managed_by: str = Field("", pattern=r"^(|[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2})$")

    @model_validator(mode="before")
    @classmethod
    def _optional_by_name(cls, data: Any) -> Any:
        """A component the procedure names as conditional ("(nếu có)", "(trường hợp ...)") is
        optional whatever the catalogue file says: it cannot block a dossier that lacks it."""
        if isinstance(data, dict) and _CONDITIONAL.search(str(data.get("name", ""))):
            return {**data, "required": False}
        return data


class ProcedureSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    name: str = Field(min_length=3)
    field: str
    level: Literal["commune", "district", "province", "central"]
    fee: int = Field(ge=0)
    processing_days: int = Field(ge=0)
    code_verified: bool
    components: tuple[ComponentSpec, ...] = Field(min_length=1)

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        if not _PROCEDURE_CODE.match(value):
            raise ValueError(f"procedure code {value!r} is not like 1.001193")
        return value

    @model_validator(mode="after")
    def _unique_components(self) -> ProcedureSpec:
        ids = [c.id for c in self.components]
        if len(ids) != len(set(ids)):
            raise ValueError(f"procedure {self.code}: duplicate component ids")
        return self

    def component(self, component_id: str) -> ComponentSpec:
        for comp in self.components:
            if comp.id == component_id:
                return comp
        raise NotFound(
            f"Procedure {self.code} has no component '{component_id}'",
            f"Thủ tục {self.code} không có thành phần hồ sơ '{component_id}'",
        )


class DocType(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    verified: bool


class Catalogue(BaseModel):
    model_config = ConfigDict(frozen=True, ignored_types=(cached_property,))

    version: int
    notes: tuple[str, ...] = ()
    digitization_fee_per_page: int = Field(ge=0)
    digitization_fee_verified: bool = False
    doc_types: dict[str, DocType]
    procedures: tuple[ProcedureSpec, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        codes = [p.code for p in self.procedures]
        if len(codes) != len(set(codes)):
            raise ValueError("duplicate procedure codes")
        for proc in self.procedures:
            for comp in proc.components:
                if comp.doc_type not in self.doc_types:
                    raise ValueError(f"{proc.code}/{comp.id}: unknown doc_type {comp.doc_type}")
        return self

    def get(self, code: str) -> ProcedureSpec:
        for proc in self.procedures:
            if proc.code == code.strip():
                return proc
        raise NotFound(
            f"Unknown procedure code '{code}'",
            f"Không có thủ tục hành chính mã '{code}' trong danh mục",
        )

    def search(self, text: str) -> list[ProcedureSpec]:
        """Accent- and case-insensitive search by code or name ("khai sinh" finds "Đăng ký khai sinh")."""
        needle = fold(text)
        if not needle:
            return list(self.procedures)
        return [p for p in self.procedures if needle in fold(p.code) or needle in fold(p.name)]

    def doc_type_name(self, code: str) -> str:
        dt = self.doc_types.get(code)
        return dt.name if dt else code


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics (đ -> d) for forgiving search."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Mn").split())


def parse_catalogue(data: object) -> Catalogue:
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(
            f"Procedure catalogue is invalid: {exc.errors()[0]['msg']} at {exc.errors()[0]['loc']}",
            "Danh mục thủ tục hành chính không hợp lệ; liên hệ bộ phận CNTT",
        ) from exc


def component_fee(spec: ComponentSpec, pages: int, fee_per_page: int) -> int:
    """Fee for digitizing a component: on-request digitization is paid per page, the rest is free."""
    return pages * fee_per_page if spec.category is DigitizationCategory.ON_REQUEST else 0


def new_component_records(proc: ProcedureSpec) -> list[ComponentRecord]:
    return [
        ComponentRecord(
            component_id=c.id, name=c.name, doc_type=c.doc_type, reusable=c.reusable,
            category=c.category, required=c.required,
        )
        for c in proc.components
    ]
