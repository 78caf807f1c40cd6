"""DICOM de-identification: PS3.15 Annex E Basic Application Level Confidentiality Profile.

Driven by ``profile_table.ROWS`` (generated from the standard's Table E.1-1). Actions:
D dummy value, Z zero length, X remove, K keep, C clean, U replace UID; the combined actions
(X/Z, X/D, Z/D, X/Z/D, X/Z/U*) take the one that keeps the object valid whatever the
attribute's type (D over Z over X; U* replaces UIDs inside the sequence). Options (retain
dates full or shifted, clean descriptors, clean structured content, retain patient
characteristics, device or institution identity, UIDs) override the basic action as the
standard's option columns say. Private tags, curves and overlay comments/data are removed.
UIDs are replaced by a keyed hash (per-vault secret) so a study stays consistent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.tag import BaseTag

from app.core.deid.profile_table import ROWS

DateMode = Literal["remove", "shift", "keep"]
Cleaner = Callable[[str], str]

_OPTION_FLAGS = {
    "rtnUIDsOpt": "retain_uids",
    "rtnDevIdOpt": "retain_device_identity",
    "rtnInstIdOpt": "retain_institution_identity",
    "rtnPatCharsOpt": "retain_patient_characteristics",
    "cleanDescOpt": "clean_descriptions",
    "cleanStructContOpt": "clean_structured_content",
    "cleanGraphOpt": "clean_graphics",
}
# CID 7050 codes for De-identification Method Code Sequence.
_METHOD_CODES = {
    "basic": ("113100", "Basic Application Confidentiality Profile"),
    "clean_structured_content": ("113104", "Clean Structured Content Option"),
    "clean_descriptions": ("113105", "Clean Descriptors Option"),
    "keep": ("113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    "shift": ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    "retain_patient_characteristics": ("113108", "Retain Patient Characteristics Option"),
    "retain_device_identity": ("113109", "Retain Device Identity Option"),
    "retain_uids": ("113110", "Retain UIDs Option"),
    "retain_institution_identity": ("113112", "Retain Institution Identity Option"),
}
_TEXT_VRS = {"LO", "LT", "SH", "ST", "UT", "UC"}
_TEXT_VALUE = 0x0040A160  # Text Value of SR content items: not in Table E.1-1 itself


@dataclass(frozen=True)
class DeidOptions:
    retain_uids: bool = False
    retain_device_identity: bool = False
    retain_institution_identity: bool = False
    retain_patient_characteristics: bool = False  # ages are still capped at 90Y
    clean_descriptions: bool = False  # redact free text instead of removing it
    clean_structured_content: bool = False  # SR: redact text, keep the tree
    clean_graphics: bool = False
    dates: DateMode = "remove"  # remove (basic), shift (modified dates), keep (full dates)

    def methods(self) -> list[str]:
        names = ["basic"] + [flag for flag in _OPTION_FLAGS.values() if getattr(self, flag)]
        if self.dates != "remove":
            names.append(self.dates)
        return [n for n in names if n in _METHOD_CODES]


# What the app uses at privacy level high/ephemeral: the model still reads a useful summary
# (cleaned descriptions, SR text, age and sex) and dates move by a per-patient offset.
APP_OPTIONS = DeidOptions(retain_patient_characteristics=True, clean_descriptions=True,
                          clean_structured_content=True, dates="shift")  # fmt: skip


@dataclass(frozen=True)
class Rule:
    tag: str
    name: str
    basic: str
    options: dict[str, str]

    def action(self, opts: DeidOptions) -> str:
        """The action for these options: an option's K beats its C beats the basic action."""
        chosen: list[str] = []
        for column, value in self.options.items():
            if _option_on(column, opts):
                chosen.append(value)
        if "K" in chosen:
            return "K"
        if "C" in chosen:
            return "C"
        return resolve(self.basic)


def _option_on(column: str, opts: DeidOptions) -> bool:
    if column == "rtnLongFullDatesOpt":
        return opts.dates == "keep"
    if column == "rtnLongModifDatesOpt":
        return opts.dates == "shift"
    return column in _OPTION_FLAGS and bool(getattr(opts, _OPTION_FLAGS[column]))


def resolve(action: str) -> str:
    """One action from a combined one: the choice that is valid for any attribute type."""
    parts = action.replace("*", "").split("/")
    for preferred in ("U", "D", "Z", "X", "K", "C"):
        if preferred in parts:
            return preferred
    return "X"


def _parse_tag(text: str) -> int | None:
    match = re.fullmatch(r"\(([0-9A-F]{4}),([0-9A-F]{4})\)", text.strip().upper())
    return int(match.group(1) + match.group(2), 16) if match else None


RULES: dict[int, Rule] = {}
PATTERN_RULES: list[Rule] = []
for _tag, _name, _basic, _options in ROWS:
    _rule = Rule(_tag, _name, _basic, dict(_options))
    _value = _parse_tag(_tag)
    if _value is None:
        PATTERN_RULES.append(_rule)
    else:
        RULES[_value] = _rule


def _pattern_action(tag: BaseTag) -> str | None:
    """(50XX,XXXX) curves, (60XX,4000) overlay comments, (60XX,3000) overlay data, odd groups."""
    if tag.group % 2 == 1:
        return "X"
    if 0x5000 <= tag.group <= 0x50FF:
        return "X"
    if 0x6000 <= tag.group <= 0x60FF and tag.element in (0x4000, 0x3000):
        return "X"
    return None


@dataclass
class DeidReport:
    actions: Counter[str] = field(default_factory=Counter)  # action letter -> count
    attributes: dict[str, str] = field(default_factory=dict)  # keyword -> action (top level)

    def summary(self) -> dict[str, int]:
        names = {"X": "removed", "Z": "emptied", "D": "dummy", "U": "uid_replaced", "C": "cleaned",
                 "K": "kept", "P": "private_removed"}  # fmt: skip
        return {names.get(k, k): v for k, v in sorted(self.actions.items())}


class Deidentifier:
    """Applies the profile to data sets; one per vault secret (UID and date maps are keyed)."""

    def __init__(self, secret: bytes, options: DeidOptions = APP_OPTIONS,
                 cleaner: Cleaner | None = None) -> None:  # fmt: skip
        if len(secret) < 16:
            raise ValueError("the de-identification secret must be at least 16 bytes")
        self.secret = secret
        self.options = options
        self.cleaner = cleaner or (lambda text: "")

    # -- building blocks ------------------------------------------------------------------

    def new_uid(self, uid: str) -> str:
        """A UID under the 2.25 root from a keyed hash: the same input gives the same output."""
        digest = hmac.new(self.secret, uid.strip().encode("ascii", "replace"), hashlib.sha256).digest()
        return f"2.25.{int.from_bytes(digest[:16], 'big')}"

    def day_shift(self, patient_key: str) -> int:
        """Days every date of this patient moves back (1..3650), the same for every study."""
        digest = hmac.new(self.secret, b"date-shift:" + patient_key.encode("utf-8", "replace"),
                          hashlib.sha256).digest()  # fmt: skip
        return 1 + int.from_bytes(digest[:4], "big") % 3650

    def shift_date(self, value: str, days: int) -> str:
        text = value.strip()
        try:
            moved = dt.datetime.strptime(text[:8], "%Y%m%d") - dt.timedelta(days=days)
        except ValueError:
            return ""
        return moved.strftime("%Y%m%d") + text[8:]

    # -- the profile ----------------------------------------------------------------------

    def apply(self, ds: Dataset) -> DeidReport:
        """De-identify ``ds`` in place (file meta included) and say what was done."""
        report = DeidReport()
        patient_key = str(ds.get("PatientID", "") or ds.get("PatientName", "")
                          or ds.get("StudyInstanceUID", ""))  # fmt: skip
        days = self.day_shift(patient_key)
        self._walk(ds, report, days, top=True)
        meta = getattr(ds, "file_meta", None)
        if meta is not None and "SOPInstanceUID" in ds and "MediaStorageSOPInstanceUID" in meta:
            meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        self._mark(ds)
        return report

    def _walk(self, ds: Dataset, report: DeidReport, days: int, top: bool = False,
              dummy_text: bool = False) -> None:  # fmt: skip
        for tag in list(ds.keys()):
            try:
                element = ds[tag]
            except Exception:  # an element pydicom cannot even parse cannot stay
                del ds[tag]
                report.actions["X"] += 1
                continue
            pattern = _pattern_action(element.tag)
            if pattern is not None:
                del ds[tag]
                report.actions["P" if element.tag.is_private else pattern] += 1
                continue
            rule = RULES.get(int(element.tag))
            if rule is None:
                if element.tag == _TEXT_VALUE and dummy_text:
                    element.value = "ANONYMIZED"
                    report.actions["D"] += 1
                elif element.VR == "SQ":
                    for item in element.value:
                        self._walk(item, report, days, dummy_text=dummy_text)
                continue
            action = rule.action(self.options)
            if top:
                report.attributes[element.keyword or rule.name] = action
            report.actions[action] += 1
            self._do(ds, element, action, report, days, dummy_text)

    def _do(self, ds: Dataset, element: DataElement, action: str, report: DeidReport, days: int,
            dummy_text: bool) -> None:  # fmt: skip
        vr = str(element.VR)
        if action == "X":
            del ds[element.tag]
        elif action == "Z":
            element.value = Sequence() if vr == "SQ" else None
        elif action == "K":
            if element.keyword == "PatientAge":
                element.value = coarse_age(str(element.value or ""))
            elif vr == "SQ":
                for item in element.value:
                    self._walk(item, report, days, dummy_text=dummy_text)
        elif action == "U":
            if vr == "SQ":  # U*: the UIDs inside the sequence
                for item in element.value:
                    self._walk(item, report, days, dummy_text=dummy_text)
            elif vr == "UI" and element.value:
                values = element.value if element.VM > 1 else [element.value]
                new = [self.new_uid(str(v)) for v in values]
                element.value = new if element.VM > 1 else new[0]
            else:
                element.value = dummy_value(element, days)
        elif action == "C":
            self._clean(ds, element, report, days)
        else:  # D
            if vr == "SQ":
                # A dummy sequence: same structure, every value in it de-identified, SR text replaced.
                for item in element.value:
                    self._walk(item, report, days, dummy_text=True)
            elif vr == "UI":
                element.value = self.new_uid(str(element.value or ""))
            else:
                element.value = dummy_value(element, days if self.options.dates == "shift" else None)

    def _clean(self, ds: Dataset, element: DataElement, report: DeidReport, days: int) -> None:
        vr = str(element.VR)
        if vr == "SQ":
            for item in element.value:
                self._walk(item, report, days)
                if _TEXT_VALUE in item and item[_TEXT_VALUE].value:
                    item[_TEXT_VALUE].value = self.cleaner(str(item[_TEXT_VALUE].value))
        elif vr in ("DA", "DT"):
            if self.options.dates == "shift" and element.value:
                element.value = self.shift_date(str(element.value), days)
            elif self.options.dates == "remove":
                element.value = None
        elif vr == "TM":
            pass  # times of day carry no date: kept when dates are kept or shifted
        elif vr in _TEXT_VRS and element.value:
            if element.VM > 1:
                element.value = [self.cleaner(str(v)) for v in element.value]
            else:
                element.value = self.cleaner(str(element.value))
        elif vr == "AS":
            element.value = coarse_age(str(element.value or ""))
        elif vr == "PN" or vr == "AE":
            element.value = "ANONYMOUS"
        # numbers and codes of clean-able attributes carry no identity: kept

    def _mark(self, ds: Dataset) -> None:
        ds.PatientIdentityRemoved = "YES"
        methods = self.options.methods()
        ds.DeidentificationMethod = "Enclave: PS3.15 E.1 Basic Profile"[:64]
        seq = Sequence()
        for name in methods:
            code, meaning = _METHOD_CODES[name]
            item = Dataset()
            item.CodeValue = code
            item.CodingSchemeDesignator = "DCM"
            item.CodeMeaning = meaning
            seq.append(item)
        ds.DeidentificationMethodCodeSequence = seq
        ds.LongitudinalTemporalInformationModified = {"remove": "REMOVED", "shift": "MODIFIED",
                                                      "keep": "UNMODIFIED"}[self.options.dates]  # fmt: skip

    def copy(self, ds: Dataset) -> Dataset:
        """A de-identified deep copy (the viewer's tag view); the original is untouched."""
        import copy

        clone = copy.deepcopy(ds)
        self.apply(clone)
        return clone


def coarse_age(value: str) -> str:
    """Ages over 89 years become 090Y (HIPAA Safe Harbor); others are kept as they are."""
    match = re.fullmatch(r"(\d{3})([DWMY])", value.strip().upper())
    if not match:
        return ""
    number, unit = int(match.group(1)), match.group(2)
    years = {"D": number / 365.25, "W": number / 52.18, "M": number / 12, "Y": number}[unit]
    return "090Y" if years > 89 else value.strip().upper()


_DUMMIES: dict[str, Any] = {
    "PN": "ANONYMOUS", "LO": "ANONYMIZED", "SH": "ANONYMIZED", "LT": "ANONYMIZED", "ST": "ANONYMIZED",
    "UT": "ANONYMIZED", "UC": "ANONYMIZED", "CS": "ANONYMIZED", "AE": "ANONYMOUS", "DA": "19000101",
    "TM": "000000", "DT": "19000101000000", "AS": "000Y", "IS": "0", "DS": "0", "UR": "",
    "US": 0, "SS": 0, "UL": 0, "SL": 0, "FL": 0.0, "FD": 0.0, "UV": 0, "SV": 0,
    "OB": b"\x00\x00", "OW": b"\x00\x00", "OD": b"\x00" * 8, "OF": b"\x00" * 4, "OL": b"\x00" * 4,
    "OV": b"\x00" * 8, "UN": b"\x00\x00", "AT": 0,
}  # fmt: skip


def dummy_value(element: DataElement, shift_days: int | None = None) -> Any:
    vr = str(element.VR).split(" or ")[0]
    if vr == "DA" and shift_days is not None and element.value:
        return _shift(str(element.value), shift_days) or _DUMMIES["DA"]
    if vr == "UI":
        return "2.25.0"
    return _DUMMIES.get(vr, "ANONYMIZED")


def _shift(value: str, days: int) -> str:
    try:
        moved = dt.datetime.strptime(value.strip()[:8], "%Y%m%d") - dt.timedelta(days=days)
    except ValueError:
        return ""
    return moved.strftime("%Y%m%d")


def deidentify(ds: Dataset, secret: bytes, options: DeidOptions = APP_OPTIONS,
               cleaner: Cleaner | None = None) -> DeidReport:  # fmt: skip
    """De-identify ``ds`` in place."""
    return Deidentifier(secret, options, cleaner).apply(ds)
