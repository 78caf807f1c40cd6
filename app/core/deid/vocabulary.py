"""Is a capitalised phrase medicine rather than a person? Checked against clinical vocabularies.

The words come from ``clinical_words.py``, generated from kept public sources (ICD-10-CM, a drug
name dictionary, the CheXpert labeler's phrases; see ``generate_vocabulary.py``), never from a
list that grows case by case; a word is also clinical when a Greek or Latin combining form leads
into a clinical word ("bronchoalveolar", "retrocardiac"). Two questions are asked of a name
candidate:

* :func:`clinical_phrase`: is every word of it a clinical word or a drug ("Congestive Heart
  Failure", "Father: Lung Cancer", "Small Cell Carcinoma", "Omnipaque")? A word that is a common
  given name keeps the phrase a possible name ("Frank" is clinical, "Frank Moss" is a person).
* :func:`noun_follows`: does a clinical noun follow it directly ("Sister Mary Joseph nodule",
  "Swan-Ganz catheter", "Kerley B lines")? A capitalised phrase in front of a noun modifies the noun:
  an eponym, a brand or a device. A person's name is followed by punctuation, a verb or a preposition.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.core.deid.clinical_words import CLINICAL_STEMS, CLINICAL_WORDS, DRUG_WORDS
from app.core.deid.names import EPONYMS, GIVEN_NAMES


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Closed-class words (grammar, not medicine), the verbs and time words reports put after a person
# ("Harold Wexley reported", "called to Anna Lee today") and the roles that follow a name ("Mary
# Jones nurse in charge"): never a noun that the phrase before them modifies.
_NOT_HEADS = _words("""
a an the this that these those his her their its our your my and or nor but so yet if as than then
of in on at by for from to with without within into onto over under about above below after before
between through during since until upon via per re who whom whose which what where when while why how
is are was were be been being has have had do does did will would shall should may might must can
could not no also again already still today tonight yesterday tomorrow now later earlier soon once
twice here there please reports reported says said states stated presents presented denies denied
complains complained feels felt returns returned remains remained attends attended agrees agreed
declines declined consents consented underwent undergoes tolerated tolerates describes described
notes noted called phoned informed notified aware present regarding concerning re contact
came went fell took gave got saw made left ran began became brought bought kept lost met paid put
sent sat spoke stood told thought understood woke wrote knew ate drank drove broke chose forgot hid
hit hurt lay rode rose sang slept swam threw wore won himself herself themselves personally
nurse doctor physician radiologist resident registrar consultant fellow technologist radiographer
sonographer physiotherapist therapist pharmacist surgeon clinician practitioner midwife student
specialist coordinator secretary assistant attending intern husband wife son daughter mother father
brother sister partner friend carer caregiver guardian patient family team ward clinic office
department service who whose
""")
# Greek and Latin combining forms of anatomical words: "bronchoalveolar" is broncho- + alveolar,
# "retrocardiac" retro- + cardiac, "hydropneumothorax" hydro- + pneumothorax. A word is clinical when
# one of them leads into a clinical word (the morphology of medical terms, not a list of terms).
_COMBINING = re.compile(
    r"(?:aorto|angio|arterio|broncho|cardio|cavo|centri|cervico|chole|chondro|costo|cysto|entero|"
    r"gastro|hemi|hemo|haemo|hepato|hydro|hyper|hypo|infra|inter|intra|lympho?|myelo|myo|naso|"
    r"nephro|neuro|osteo|pan|para|peri|pleuro|pneumo|post|pre|pseudo|pyo|retro|sacro|spleno|sub|"
    r"supra|thoraco|thyro|trans|tracheo|vaso|veno)-?(?=[a-z]{4})")  # fmt: skip
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_GIVEN = frozenset(name.lower() for name in GIVEN_NAMES)
_EPONYMS = frozenset(word.lower().rstrip("'’s") for word in EPONYMS) | frozenset(w.lower() for w in EPONYMS)


@lru_cache(maxsize=4096)
def clinical_word(word: str) -> bool:
    """A word of the clinical vocabularies (any case; a possessive or a plural -s allowed)."""
    word = word.lower().strip(".,;:'’")
    word = re.sub(r"['’]s?$", "", word)
    if not word:
        return False
    candidates = {word}
    if word.endswith("s") and len(word) > 3:
        candidates.add(word[:-1])
        if word.endswith("es"):
            candidates.add(word[:-2])
        if word.endswith("ies"):
            candidates.add(word[:-3] + "y")  # bodies
    if len(word) > 4:  # Latin plurals: alveoli, bronchi; vertebrae; ganglia, diverticula
        if word.endswith("i"):
            candidates.add(word[:-1] + "us")
        elif word.endswith("ae"):
            candidates.add(word[:-1])
        elif word.endswith("a"):
            candidates.update((word[:-1] + "um", word[:-1] + "on"))
    if "-" in word:  # "Port-A-Cath", "Swan-Ganz", "Non-small": each part
        parts = [p for p in word.split("-") if len(p) > 1]
        if parts and all(clinical_word(p) or p in _EPONYMS for p in parts):
            return True
    candidates = {c for c in candidates if c == word or len(c) >= 4}  # "Ines" is no plural of "in"
    if any(c in CLINICAL_WORDS or c in DRUG_WORDS for c in candidates):
        return True
    if any(word.startswith(stem) for stem in CLINICAL_STEMS):
        return True  # the CheXpert labeler's stems: "consolidation", "opacities", "calcified"
    form = _COMBINING.match(word)
    return form is not None and clinical_word(word[form.end():])


def clinical_phrase(phrase: str) -> bool:
    """Every word of ``phrase`` is a clinical word, a drug or an eponym of medicine, and none is a
    common given name: the phrase is medicine, not a person ("Congestive Heart Failure")."""
    words = [w for w in _WORD.findall(phrase) if len(w) > 1 or w.isupper()]
    words = [w for w in words if len(w) > 1]  # "Kerley B": the letter is part of the term
    if not words:
        return False
    if any(w.lower() in _GIVEN for w in words):
        return False
    return all(clinical_word(w) or w.lower() in _EPONYMS for w in words)


_NEXT_WORD = re.compile(r"[ \t]+([a-z]+(?:-[a-z]+)*)\b")


# (Less the words that are also given names: "Nurse Rose", "Patient: May".)
_ROLES = _words("duty charge call on-call covering staff senior junior gp ed er icu hdu ccu sho spr")
_ROLE_WORDS = (_NOT_HEADS | _ROLES) - _words("may will rose won hope sang ray pat bill mark art")


def role_phrase(phrase: str) -> bool:
    """Every word of ``phrase`` is grammar or a role ("Charge Nurse", "On Call", "Duty Radiologist",
    "GP"): who did it, not a name."""
    words = _WORD.findall(phrase)
    return bool(words) and all(w.lower() in _ROLE_WORDS for w in words)


def noun_follows(text: str, end: int, known_only: bool = True) -> bool:
    """Whether a noun follows ``text[:end]`` directly (a space, then a lower-case word that is not
    grammar, a verb or a time word): "Sister Mary Joseph nodule". With ``known_only`` the noun must
    be a word of the vocabularies; without, any word not shaped like a verb counts ("Pierre Robin
    sequence"), for a phrase whose only cue is a given name."""
    match = _NEXT_WORD.match(text, end)
    if not match:
        return False
    word = match.group(1)
    if word in _NOT_HEADS or word.endswith(("ed", "ing", "ly")):
        return False
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return False  # "lines" or "lives", "nodes" or "smokes": a plural noun reads like a verb
    return clinical_word(word) or not known_only
