"""Health information about someone, and references to a specific patient or relative.

Kinds:

* ``health`` — a diagnosis or sensitive topic (cancer, psychiatry, substance use, abortion, HIV,
  suicide, child welfare, dementia, violence, death, pregnancy, ...), in Norwegian or English,
  also inside compound words (``brystkreft``, ``Psykoseutredning``, ``HIV-oppfølging``);
  or an ICD-10 / ICPC-2 style code (``F32.1``, ``C50``), a diabetes shorthand (``T2DM``), an
  exam result (``MR-svar``, ``Svar på prøver``, ``CT thorax svar``), a section of the mental
  health care act (``§ 3-2``);
* ``patient_reference`` — a specific patient or relative: ``pasienten``, ``kona``, ``mor til``,
  ``hos far``, ``datter av``, ``gutten``, ``familien``, ``rom 4``, ``ny pasient``, ``the patient``.

Severity:

* a health term where the subject is clearly about the organisation (a department, a course, a
  professional meeting: ``Kreftavdelingen fagmøte``, ``Klinikk psykisk helse og rus -
  ledermøte``, ``Fagdag demens``) is not reported; nor is a compound that names a unit, a role or
  a kind of meeting (``Rusteamet``, ``Demenskoordinator``, ``Selvmordsforebygging``,
  ``Utskrivningsmøte``, ``KOLS-skole``, ``Hjertestans-team``), unless the subject is a
  consultation (``Voldtektsmottak oppfølging``). Words of the organisation inside the health
  term itself do not count (``Samtykkekompetanse``), and an ``Ansvarsgruppe`` is about one
  patient, not a unit. Events (a death, a suicide, violence, a serious incident) are silenced
  only by an educational subject (``Fagdag: liv og død``), not by a place (``Dødsfall på post 3``);
* some short stems count only at the start of a word (``slag`` but not ``forslag``, ``rape`` but
  not ``fysioterapeut``), and a capitalised surname is not a health term (``Myrvold``);
* otherwise a health term is a ``warn`` (``Kontroll etter brystkreft``, ``Abort konsultasjon``),
  and a ``block`` when the subject also points at a person (a patient reference, a name, an age,
  a birth date, an identity number) or names the diagnosis (``Diagnose F32.1``);
* a patient reference alone is a ``warn``; two of them, or one with a health term, a ``block``
  (``Pasienten og kona``, ``Mor til gutten på rom 4``); ``pasient`` alone, in a subject not
  about the organisation, is one patient (``Klage fra pasient``);
* medicines that tell a diagnosis (``Lyrica``, ``litium``, ``Concerta``, ``Antabus``), operations
  (``prostatektomi``, ``kolostomi``), therapy and test results (``Terapitime``, ``testresultat``),
  an appointment with a psychologist or psychiatrist (``Time hos psykolog``) and the nynorsk forms
  (``sjølvmord``, ``innlagd``) are health terms; incidents (an accident, a medication error, a
  complication, neglect of a child) are events, silenced only by an educational subject;
* diagnoses by name (``Pankreatitt``, ``Endometriose``, ``Gallestein``), symptoms, examinations
  and procedures of one person (``Koloskopi - forberedelse``, ``Hofteprotese - kontroll``) are
  health terms; a person described (``eldre dame``, ``ung mann``, ``tenåringsjente``), a numbered
  patient (``Pasient 3``) and ``pasient`` followed by ``med``/``fra``/``på`` (``Pasient fra
  Tjøme``) are patient references, as are more relatives (``besteforeldrene``, ``barnebarnet``);
  a treatment plan (``behandlingsplan``) is about one patient, not an action plan of the unit.

The combination across detectors is done by :func:`core.sensitive.scan`.

>>> [(k, s) for k, s, *_ in find_text("HIV-oppfølging")]
[('health', 'warn')]
>>> find_text("Kreftavdelingen fagmøte")
[]
>>> sorted({(k, s) for k, s, *_ in find_text("Mor til gutten på rom 4")})
[('patient_reference', 'block')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from . import atc, clinic
from ._finding import Finding
from ._text import Doc
from ._trie import trie_pattern
from .lexicon import LONG_WORD, is_plain_word, is_stored, is_word
from .names import AMBIGUOUS, FIRST_NAMES, SURNAMES
from .nynorsk import forms
from .typos import TypoIndex

__all__ = ["find", "find_text", "org_context"]

# Stems found anywhere in a word (compounds). Lower case.
_STEMS: tuple[str, ...] = (
    # cancer
    "kreft", "cancer", "tumor", "tumour", "svulst", "cytostat", "cellegift", "kjemoterapi",
    "chemotherap", "strålebehandl", "stråleterapi", "radiotherap", "metasta", "lymfom", "lymphoma",
    "leukemi", "leukaemi", "myelom", "sarkom", "melanom", "karsinom", "carcinom", "carcinoma",
    "glioblastom", "biopsi", "biopsy", "mammograf",
    # mental health
    "psykose", "psykotisk", "psychosis", "psychotic", "psykiatri", "psychiatr", "schizofren",
    "schizophren", "bipolar", "depresjon", "depressiv", "depression", "angstlidelse", "panikklidelse",
    "spiseforstyrr", "eating disorder", "anoreksi", "anorexi", "bulimi", "adhd", "autis",
    "tvangslidelse", "ptsd", "traumatis", "posttraumat", "personlighetsforstyrr", "tvangsinnleggelse",
    "tvangsvedtak", "tvangsmedisin", "tvunget psykisk", "psykisk lidelse", "psykisk sykdom",
    "mental illness",
    # suicide and self-harm
    "selvmord", "suicid", "selvskad", "self-harm", "self harm", "overdose",
    # substance use
    "rusproblem", "rusmisbruk", "rusavhengig", "rusbruk", "ruslidelse", "rusbehandling",
    "rusmiddel", "rusmidler", "misbruk", "avhengighet", "addiction", "substance", "alkohol",
    "alcohol", "narkoti", "heroin", "kokain", "cocaine", "amfetamin", "cannabis", "hasj",
    "avrusning", "abstinens", "legemiddelassistert", "substitusjonsbehandl",
    # reproduction
    "abort", "svangerskapsavbrudd", "termination of pregnancy", "gravid", "pregnan",
    "svangerskap", "dødfødsel", "stillbirth", "miscarriage", "ivf", "infertil", "prevensjon",
    "sterilisering", "keisersnitt", "angrepille", "nødprevensjon", "fødsel", "barseldepresjon",
    "tvangsmid", "beltelegg", "skjerming", "downs", "down syndrom", "beinbrudd", "benbrudd",
    "lårhalsbrudd", "armbrudd", "håndleddsbrudd", "operasjon", "operert", "postop", "post-op",
    "innleggelse", "innlagt", "utskrivning", "utskrevet", "sykdom", "prøveresultat",
    "blodprøve", "biopsiresultat", "røntgensvar", "hospice", "angst", "panikk", "blødning", "hemorrhage",
    # infections
    "hiv", "aids", "hepatitt", "hepatitis", "klamydia", "chlamydia", "gonoré", "syfilis",
    "syphilis", "kjønnssykdom", "tuberkulose", "tuberculosis",
    # child welfare, violence, abuse
    "barnevern", "child protection", "child welfare", "omsorgsovertakelse", "bekymringsmelding",
    "fosterhjem", "vold", "violence", "overgrep", "abuse", "incest", "voldtekt", "rape",
    "mishandl", "omsorgssvikt", "neglect",
    # dementia and neurology
    "demens", "dementia", "alzheimer", "parkinson", "epilepsi", "epilepsy", "hjerneslag",
    "slagpasient", "stroke", "sklerose", "sclerosis",
    # other diagnoses and events
    "diabetes", "hjerteinfarkt", "infarkt", "hjertestans", "cardiac arrest", "dialyse",
    "dialysis", "transplant", "amputa", "diagnose", "diagnosis", "dødsfall", "avdød",
    "obduksjon", "autopsy", "palliativ", "palliative", "terminal", "livets slutt", "end of life",
    "sorgsamtale", "krisesamtale", "skilsmisse", "divorce", "prøvesvar", "test result",
    "hoftebrudd", "fraktur", "fracture", "ms-utredning", "kols", "copd", "astma", "hjertesvikt",
    "nyresvikt", "kreftsyk", "psykisk syk", "funksjonshemm", "utviklingshemm", "downs syndrom",
    "cerebral parese", "prematur", "misdannels", "genetisk", "arvelig", "smitte", "infeksjon",
    "sepsis", "covid", "korona", "influensa", "lungebetennelse", "pneumoni", "slag",
    # added for issue 4 (round 2)
    "tvungen", "tvungent", "ulykke", "ulykka", "accident", "hodeskade", "hjerneskade", "brannskade",
    "ryggmargsskade", "nakkeskade", "leversvikt", "lungeemboli", "blodpropp", "trombose", "aneurisme",
    "cøliaki", "crohn", "kolitt", "ulcerøs", "revmat", "artritt", "bechterew", "lupus", "psoriasis",
    "migrene", "anafylaksi", "fedme", "overvekt", "slankeoperasjon", "gastric bypass", "bariatri",
    "ortoreksi", "tourette", "cystisk fibrose", "sigdcelle", "hemofili", "herpes", "hpv", "mpox",
    "apekopper", "delir", "hallusin", "paranoi", "ruspåvirk", "beruset", "promille", "forgiftning",
    "intoks", "pedofil", "seksuelle overgrep", "seksuell trakassering", "kjønnsinkongruens",
    "kjønnsbekreftende", "transkjønn", "inseminasjon", "eggdonasjon", "fosterdiagnost", "nipt",
    "trisomi", "dødfødt", "krybbedød", "omskjæring", "kjønnslemlest", "tvangsekteskap",
    "æresrelatert", "menneskehandel", "rettspsykiatri", "judisiell", "anxiety", "heart attack",
    "myocardial", "deceased", "autism", "anorexia", "bulimia", "sexual assault", "domestic violence",
    "dialysis", "amputation", "seizure", "multiple sclerosis", "biopsy", "chemo", "leukemia",
    "leukaemia", "melanoma", "infection", "stillborn", "hepatitt", "skrumplever", "cirrhos",
    "levercirrhose", "nevropati", "polynevropati", "ms-pasient", "kreftpasient", "slagrammet",
    "lammet", "lammelse", "bevisstløs", "koma", "hjernedød", "respirator", "gjenoppliv",
    "bekymring for barn", "bekymring for pasient", "bekymringssamtale", "utager", "dårlige nyheter",
    "bad news", "celleforandring", "vergemål", "samtykkekompetanse", "umyndiggj",
    "kognitiv svikt", "hukommelse", "minnesvikt", "fertilitet", "barnløs", "insulin", "blodsukker",
    "hba1c", "metadon", "subutex", "buprenorfin", "suboxone", "anfall", "epilept", "fostervann",
    "livsforlengende", "behandlingsbegrens", "hlr-minus", "hlr minus", "innsatt", "varetekt",
    "fengsel", "alvorlig hendelse", "fallulykke", "fallskade", "fall på", "brudd i hofte",
    "brudd i armen", "brudd i foten", "brudd i håndledd", "brudd i ankel", "brudd i ryggen",
    "spredning", "dialysestart", "hjemmedød", "ufrivillig", "seizure", "memory loss",
    # added for issue 4 (round 3, a red-team check)
    # nynorsk
    "sjølvmord", "sjølvskad", "sjukdom", "kreftsjuk", "psykisk sjuk", "innlagd", "valdtekt",
    "rusavhengnad", "daudsfall", "hjarteinfarkt", "hjerneslag", "svangerskapsavbrot",
    # therapy, results, examinations of one person
    "terapitime", "terapisamtale", "psykoterapi", "samtaleterapi", "traumeterapi", "emdr",
    "testresultat", "testsvar", "labsvar", "ultralyd", "feilmedisiner", "medisineringsfeil",
    "legemiddelavvik", "feilbehandl", "komplikasjon", "complication",
    # medicines that tell a diagnosis (generic and brand names; psychiatry, ADHD, epilepsy,
    # opioids and substitution, HIV, diabetes, cancer, biologics, blood thinners)
    "litium", "lithium", "lyrica", "pregabalin", "gabapentin", "neurontin", "ritalin", "concerta",
    "metylfenidat", "methylphenidate", "elvanse", "lisdeksamfetamin", "strattera", "atomoksetin",
    "intuniv", "zyprexa", "olanzapin", "abilify", "aripiprazol", "seroquel", "quetiapin", "leponex",
    "klozapin", "clozapin", "risperdal", "risperidon", "haldol", "haloperidol", "trilafon",
    "cisordinol", "zuklopentiksol", "cipralex", "escitalopram", "citalopram", "sertralin",
    "zoloft", "fluoksetin", "prozac", "venlafaksin", "efexor", "mirtazapin", "remeron",
    "duloksetin", "cymbalta", "lamictal", "lamotrigin", "orfiril", "valproat", "tegretol",
    "karbamazepin", "keppra", "levetiracetam", "oxynorm", "oxycontin", "oksykodon", "morfin",
    "morphine", "fentanyl", "tramadol", "paralgin", "ketobemidon", "ketogan", "vival", "diazepam",
    "stesolid", "sobril", "oksazepam", "xanax", "alprazolam", "rivotril", "klonazepam",
    "imovane", "zopiklon", "truxal", "nozinan", "antabus", "disulfiram", "campral", "naltrekson",
    "naltrexon", "naloxon", "nyxoid", "buvidal", "methadone", "truvada", "antiretrovir",
    "metformin", "ozempic", "wegovy", "semaglutid", "tamoxifen", "letrozol", "herceptin",
    "keytruda", "immunterapi", "immunotherapy", "metotreksat", "methotrexat", "humira", "remicade",
    "enbrel", "xarelto", "eliquis", "marevan", "warfarin", "antidepressiv", "antipsykoti",
    "nevroleptik", "depotinjeksjon", "depotmedisin", "benzodiazepin", "opioid", "opiat",
    # operations that tell a diagnosis ("prostatektomi", "mastektomi", "kolostomi")
    "ektomi", "stomi",
    # added for issue 4 (round 4, a blind check): treatments and examinations of one person
    "kjemo", "cellegiftkur", "strålekur", "avhør", "tvangsbehandl", "tvangsinnlagt",
    "innlegges", "innlegging", "reinnleggelse", "re-innleggelse", "akuttinnleggelse",
    "sykehusinnleggelse", "pasientskade", "uønsket hendelse", "behandlingsavbrudd",
    # diagnoses by name: inflammations, degenerations, syndromes, chronic conditions
    "pankreatitt", "meningitt", "encefalitt", "bronkitt", "appendisitt", "blindtarm", "dermatitt",
    "cystitt", "gastritt", "tendinitt", "myokarditt", "perikarditt", "endokarditt", "vaskulitt",
    "konjunktivitt", "sinusitt", "tonsillitt", "divertikulitt", "pyelonefritt", "osteomyelitt",
    "spondylitt", "myalgi", "artrose", "fibrose", "skoliose", "osteoporose", "endometriose",
    "nevrose", "stenose", "nekrose", "sarkoidose", "amyloidose", "acidose", "narkolepsi",
    "lidelse", "syndrom", "betennelse", "allergi", "anemi", "kronisk", "hjernerystelse",
    "kramper", "krampeanfall", "pustestans", "drukning", "knivstikk", "stikkskade", "skuddskade",
    "dysleksi", "synshemm", "hørselshemm", "leggsår", "sårstell", "celleprøve",
    "pacemaker", "sykmeld", "sykemeld", "uføre", "arbeidsavklaring",
    # family law and funerals
    "samvær", "barnefordeling", "foreldretvist", "begravelse", "bisettelse", "gravferd",
    # conditions, symptoms, examinations and procedures of one person
    "gallestein", "nyrestein", "prolaps", "katarakt", "grå stær", "glaukom", "protese",
    "implantat", "korsbånd", "menisk", "hjerteklaff", "klaffefeil", "hjertefeil", "flimmer",
    "arytmi", "angina", "hjertekrampe", "hypertensjon", "blodtrykk", "gulsott", "ikterus",
    "hormonbehandl", "testosteron", "østrogen", "blodoverføring", "transfusjon", "benmarg",
    "punksjon", "koloskopi", "gastroskopi", "bronkoskopi", "cystoskopi", "endoskopi",
    "kateter", "sonde", "intubert", "intubasjon", "narkose", "sedasjon", "smertelindring",
    "dekubitus", "trykksår", "underernær", "feilernær", "dehydrer", "inkontinens",
    "urinlekkasje", "forstoppelse", "diaré", "oppkast", "kvalme", "hodepine", "svimmel",
    "besvim", "synkope", "brystsmert", "magesmert", "ryggsmert", "magesmerter", "tungpust",
    "dyspné", "feber", "utslett", "urinprøve", "avføringsprøve", "vevsprøve", "spirometri",
    "holter", "ekkokardiograf", "angiograf", "caput", "thorax", "columna", "barsel", "amming",
    "manisk", "hypomani", "norovirus", "omgangssyke", "vannkopper", "meslinger", "kikhoste",
    "skabb", "impetigo", "helvetesild", "legionella", "salmonella", "clostridium", "skolevegring",
    "spisevegring", "mobbing", "mobbet", "sykehjemsplass", "korttidsplass", "langtidsplass",
    "avlastningsopphold", "bypass", "stent",
)
# Stems that count only at the start of a word (inside other words they are something else:
# "forslag", "fysioterapeut", "keystroke").
_START_ONLY = frozenset(("kjemo", "amming", "stent", "sonde", "feber", "caput", "menisk",
                         "slag", "rape", "aids", "ivf", "stroke", "hiv", "abuse", "nipt", "koma",
                         "lammet", "hpv", "chemo", "delir", "fedme", "revmat", "intoks", "spredning",
                         "anfall", "insulin", "innsatt", "fengsel"))
# Stems that must start the word (too short or too common inside other words).
_PREFIX_STEMS = ("rus", "død", "dod", "ms", "als", "std", "kols", "dement")
# Whole words only.
_WORDS = frozenset(("t2dm", "t1dm", "dm1", "dm2", "iddm", "niddm", "psa", "falt", "skadet", "skadd", "omkom", "omkommet", "injured", "killed", "slo", "truet", "slått",
                    "lar", "rus", "ms", "als", "hiv", "aids", "død", "dø", "døde", "døden", "dead", "death",
                    "died", "kreft", "cancer", "rusen", "fyll", "fylla", "suicide", "eksem", "eksemet",
                    "ocd", "tenåring", "tenåringen", "tia", "dvt", "pci", "cabg", "stemi", "nstemi",
                    "ami", "uvi", "cva", "ect", "mrsa", "esbl", "vre", "cfs", "lungeemboli"))

_STEMS = tuple(sorted(forms(_STEMS)))
_STEM_RE = re.compile(trie_pattern(_STEMS))
_NAME_WORDS = FIRST_NAMES | SURNAMES
# Health terms with one typo (issue 19): every stem and whole word of six letters or more.
_TYPOS = TypoIndex([t for t in (*_STEMS, *_WORDS, "autisme", "schizofreni", "mammografi", "psykiatri")
                    if t not in _START_ONLY], is_word=is_plain_word)
_NOT_TYPO = _NAME_WORDS | AMBIGUOUS

# Word parts that make a word (or a subject) about the organisation, not a person.
_ORG_PARTS: tuple[str, ...] = (
    "avdeling", "klinikk", "seksjon", "senter", "sykepleier", "koordinator", "legemøte", "leger",
    "legene", "legevakt", "fastlege", "team", "forum", "nettverk", "forebygg", "politikk", "kurs",
    "fagmøte", "fagdag", "fagnettverk", "faggruppe", "fagutvalg", "fagråd", "fagforum",
    "fagkveld", "fagutvikling", "forening", "strategi", "program", "kampanje", "register",
    "retningslinje", "veileder", "tjeneste", "enhet", "ledelse", "ledermøte", "lederforum",
    "ledergruppe", "ledere", "utvalg", "gruppe", "prosjekt", "forskning", "studie", "konferanse",
    "seminar", "undervisning", "opplæring", "kompetanse", "pakkeforløp", "handlingsplan",
    "protokoll", "learn", "leverandør", "anskaffelse", "innkjøp", "utstyr", "apparat", "maskin",
    "sjukehus", "sjukepleiar", "leiar", "tilsette", "orientering for",
    "rutine", "prosedyre", "kvalitet", "statistikk", "rapport", "budsjett", "drift", "styremøte",
    "styret", "styring", "avdelingsmøte", "seksjonsmøte", "klinikkmøte", "allmøte",
    "personalmøte", "webinar", "workshop", "forelesning", "simulering", "ferdighetstrening",
    "internundervisning", "journal club", "samarbeid", "kommune", "helseforetak", "sykehus",
    "helsetjeneste", "poliklinikk", "sengepost", "omsorgstjeneste", "omsorgssenter",
    "screening", "vaksinasjon", "beredskap", "smittevern", "hygiene", "oppdatering", "foredrag",
    "training", "course", "lecture", "department", "network", "research", "conference",
    "guideline", "strategy", "management", "services", "clinic", "awareness", "prevention",
    "symposium", "årsmøte", "ansatte", "skole", "sesong", "regional", "nasjonal", "arbeidsliv",
    "arbeidsplass", "akan", "pathway", "registry", "project", "programme", "update", "pasienter",
    "vold og trusler", "hms", "pilot", "temakveld", "infokveld", "informasjonskveld",
    "pårørendekveld", "vaksine", "helsepersonell", "infection control", "committee", "intervju",
    "overlege", "stilling", "rekruttering", "ansettelse", "tiltak", "statistikk", "medarbeider", "faglig", "behandlingslinje",
    "direktør", "pårørendeskole", "mestring", "læring", "brukerutvalg", "brukerråd",
    "utdanning", "spesialist", "turnus", "informasjonsmøte", "informasjonssikkerhet", "infomøte",
    "policy", "kartleggingsverktøy", "nettside", "intranett",
    "dagen", "uka ", "verdensdag", "traumeteam", "traumemøte", "traumesenter", "temadag",
    "temamøte", "forløp", "rounds", "leadership", "center", "centre", "system",
    "løsning", "innføring", "implementering", "fagutvikling", "samhandling", "operasjonsstue",
    "operasjonsplan", "operasjonsprogram", "operasjonskapasitet", "sykdomslære", "trening",
    "øvelse", "utskrivningsklar", "fødselsnummer",
    # a team's own meetings (round 4)
    "ukemøte", "driftsmøte", "tavlemøte", "morgenmøte", "statusmøte", "stabsmøte", "teammøte",
    "månedsmøte", "kvartalsmøte", "planleggingsmøte", "ledersamling", "sertifisering", "komite",
    "komité", "pasientsikkerhet", "forbedring",
)
# Of those, the ones that make a subject educational or professional (not just a place): only
# these silence an event such as a death or a suicide ("Fagdag: liv og død" but not "Dødsfall på
# avdelingen").
_EDU_PARTS: tuple[str, ...] = (
    "kompetanse", "learn", "orientering for", "temakveld", "fagkurs",
    "kurs", "fagdag", "temadag", "undervisning", "opplæring", "seminar", "konferanse",
    "forelesning", "webinar", "workshop", "nettverk", "forum", "forskning", "studie",
    "retningslinje", "prosedyre", "rutine", "forebygg", "training", "course", "lecture",
    "research", "conference", "prevention", "symposium", "simulering", "strategi", "program",
    "kampanje", "handlingsplan", "mestring", "læring", "trening", "øvelse", "temamøte",
    "fagkveld", "fagmøte", "vold og trusler", "pathway", "registry", "project",
)
_EDU_PARTS = tuple(sorted(forms(_EDU_PARTS)))
_EDU_RE = re.compile(trie_pattern(_EDU_PARTS))
_EVENT_STEMS = ("alvorlig hendelse", "dødsfall", "død", "selvmord", "suicid", "overdose", "vold", "overgrep",
                "ulykke", "ulykka", "accident", "feilmedisiner", "medisineringsfeil", "legemiddelavvik",
                "feilbehandl", "pasientskade", "komplikasjon", "sjølvmord", "daudsfall", "valdtekt",
                "omsorgssvikt", "bekymringsmeld", "barnevernsmeld", "mishandl", "incest",
                "hjertestans", "voldtekt", "rape", "violence", "abuse", "cardiac arrest")
_ORG_WORDS = ("nav", "lis", "lis1", "lis2", "lis3", "post", "posten", "unit", "ward", "board",
              "staff", "teaching", "education", "leder", "sjef", "mdt")
_ORG_PARTS = tuple(sorted(forms(_ORG_PARTS)))
_ORG_RE = re.compile(trie_pattern(_ORG_PARTS))
_ORG_WORD_SET = frozenset(_ORG_WORDS)

# A specific person: definite forms and relatives.
_PERSON_DEFINITE = frozenset(
    "familien tvillingene tvillingen trillingene barna "
    "pasienten pasientens gutten guttens jenta jentas jenten jentens piken pikens "
    "mannen mannens kvinnen kvinnens damen dama barnet barnets babyen babyens spedbarnet avdøde "
    "ektemannen kona konas konen ektefellen samboeren sønnen sønnens datteren datterens moren "
    "mora morens faren farens broren søsteren bestemoren bestefaren foreldrene beboeren "
    "brukeren klienten "
    # added for issue 4 (round 4)
    "besteforeldrene barnebarnet barnebarna fosterforeldrene fosterbarnet fostermoren fostermora "
    "fosterfaren stefaren stemoren svigersønnen svigerdatteren svigermoren svigerfaren tanten "
    "onkelen enken enka enkemannen kjæresten naboen vergen søsknene partneren sønnene døtrene "
    "foreldra mormoren morfaren farmoren farfaren sambuaren".split()
)
_PERSON_DEFINITE = forms(_PERSON_DEFINITE)
_RELATIVES = frozenset(
    "mor far sønn datter bror søster kone ektemann ektefelle samboer bestemor bestefar "
    "mors fars farmor farfar mormor morfar foreldre barnebarn stefar stemor svigermor svigerfar "
    "pårørende etterlatte husband wife mother father son daughter brother sister parents grandmother "
    "grandfather spouse".split()
)
_RELATIVES = forms(_RELATIVES)
_REL_CONTEXT = frozenset("hos til med og for of av his her hennes hans sin sitt sine with "
                         # "barnas far", "pasientens mor", "guttens foreldre"
                         "barnas barnets pasientens guttens jentas kvinnens mannens hennar hans "
                         "deira their hjå".split())
_ROOM_CONTEXT = frozenset("på pasient pasienten pas pt patient the in ligger".split())
_CONVERSATION_PREFIXES = ("pårørendesamtale", "pårørendemøte", "familiesamtale", "foreldresamtale",
                          "familiemøte", "pårørendekontakt")
_EXAM_RE = re.compile(
    r"(?<![^\W\d_])(?:(?:mr|ct|pet|pet-ct|røntgen|ultralyd|ekg|eeg|mri|scan|koloskopi|gastroskopi|"
    r"bronkoskopi|cystoskopi|endoskopi|mammografi|blodprøve|blodprøver|prøve|lab|patologi|histologi|"
    r"cytologi|psa)(?:[\s\-]+[^\W\d_]{2,12}){0,2}?(?: ?- ?|[\s\-]?)"
    r"(?:svar|resultat|results?|funn|findings)"
    r"|(?:svar|resultat|resultater|results?) (?:på|av|fra|of|from) (?:the |en |et )?(?:mr|ct|pet|"
    r"pet-ct|røntgen|ultralyd|ekg|eeg|mri|scan|prøve|prøver|prøvene|prøven|blodprøve|blodprøver|"
    r"blodprøvene|test|tester|testen|tests|biopsi|biopsien|undersøkelse|undersøkelsen|utredning|"
    r"utredningen|screening|cytologi|histologi|patologi|obduksjon|blood tests?|biopsy))(?![^\W\d_])")
_ROOM_RE = re.compile(r"(?<![^\W\d_])(?:rom|seng|stue|sengeplass|room|bed|bay|pasient nr|pas nr|patient no)\.? ?(?:nr\.? ?)?[0-9]{1,3}[a-z]?(?![0-9]|[.,][0-9])",
                      re.IGNORECASE)
_THE_PATIENT_RE = re.compile(r"(?<![^\W\d_])(?:the patient|patient's|pt\.|pas\.|the boy|the girl)(?![^\W\d_])",
                             re.IGNORECASE)
_PATIENT_HINT = re.compile(r"patient|pt\.|pas\.|the (?:boy|girl)")
_ICD_RE = re.compile(r"(?<![\w.\-/])([A-TV-Za-tv-z])([0-9]{2})(?:\.([0-9]{1,2}))?(?![\w])")
_ICD_NOT_AFTER = frozenset(
    "bygg bygning fløy rom etasje plan sal møterom auditorium seksjon post kl vei rv fv ev e "
    "uke versjon v rute linje buss gate felt sone blokk hus nr rad".split()
) | atc.NOT_AFTER
# Words before "pasient" that make it one patient, and words of a case about one patient.
_ONE_PATIENT_BEFORE = frozenset("fra med om til for ang angående vedr vedrørende rundt av mot hos en ein "
                                "from with about regarding re".split())
_ONE_PATIENT_AFTER = frozenset("med fra på som uten etter innlagt født with from".split())
_CASE_WORDS = frozenset("klage klagen klagesak avvik avviket avviksmelding hendelse hendelsen "
                        "henvendelse henvendelsen complaint incident".split())
# An appointment with a mental health professional tells what the meeting is about.
_APPOINTMENT_RE = re.compile(
    r"(?<![^\W\d_])(?:time|timen|timer|avtale|appointment|konsultasjon|besøk|kontroll|samtale|"
    r"oppfølging) (?:hos|hjå|til|with) "
    r"(?:psykolog|psykologen|psykiater|psykiateren|terapeut|terapeuten|sexolog|sexologen|"
    r"psychologist|psychiatrist|therapist|rusbehandler|ruskonsulent|psykiatar|psykiataren|"
    r"rusbehandlar)(?![^\W\d_])")
# "eldre dame", "ung mann", "tenåringsjente", "pasient 3": one person described, or numbered.
_DESCRIBED_RE = re.compile(
    r"(?<![^\W\d_])(?:(?:eldre|ung|ungt|unge|gammel|gamle|yngre|voksen|liten|lita|lille|nyfødt|"
    r"gravid|syk|sjuk|døende|dement|psykotisk|suicidal|ruspåvirket|beruset|elderly|young|old) "
    r"(?:mann|kvinne|dame|gutt|jente|pike|herre|kar|pasient|ungdom|tenåring|man|woman|boy|girl|"
    r"patient)|tenårings(?:jente|gutt)|(?:pasient|pas|pt|patient) (?:nr\.? ?)?[0-9]{1,4})"
    r"(?![^\W\d_]|[0-9]|[.,:][0-9])")
_NEW_PATIENT_RE = re.compile(r"(?<![^\W\d_])(?:ny pasient|new patient|nyhenvist pasient)(?![^\W\d_])")
# "§ 3-2", "paragraf 3-3": a section of the mental health care act about one patient.
_LAW_SECTION_RE = re.compile(r"(?:§ ?§?|paragraf |par\. ?)[0-9]{1,2} ?- ?[0-9]{1,2}(?![0-9])")
_DIABETES_RE = re.compile(r"(?<![\w])(?:t[12] ?dm|dm ?(?:type )?[12]|iddm|niddm)(?![\w])")
_DIAG_WORDS = frozenset("diagnose diagnosen diagnosis dx icd icd-10 diag".split())
_WORD_RE = re.compile(r"[^\W\d_]+")


# What may follow a word of the organisation at the end of a word ("poliklinikkene", "teamet").
_INFLECTION_RE = re.compile(r"(?:e|en|et|er|ene|ens|ets|a|ar|ane|s|t|ne|n|r|met|mer|mene|ing|inga|ingen|"
                            r"ingar|inger|ende|ende|ar|ert|erte)?(?![^\W\d_])")


# The rest of a street's or a place's name after a word of the organisation ("Skolegata", "Kirkeveien").
_PLACE_TAIL_RE = re.compile(r"[se]?(?:gata|gaten|gate|gt|veien|vegen|vei|veg|allé|alle|stien|stig|plassen|"
                            r"torget|bakken|lia|svingen|løkka|tunet|ringen|grenda|kroken|brygga|åsen|"
                            r"haugen|lunden|dalen|vika|viken|bukta|byen|sletta|parken|hagen|marka)"
                            r"(?![^\W\d_])")


@lru_cache(maxsize=8192)
def _typo_of(t: str) -> str | None:
    """The health term the word ``t`` (small letters) is a typo of (:mod:`.typos`)."""
    if is_stored(t):
        return None
    if len(t) >= LONG_WORD:
        return _TYPOS.prefix(t)
    compound = is_word(t)
    return _TYPOS.term(t, compound) or (None if compound else _TYPOS.prefix(t, rest=3))


def org_context(lower: str, toks: list[str] | None = None,
                inside: Sequence[tuple[int, int]] = ()) -> bool:
    """True when the subject speaks of the organisation (a unit, a course, a professional meeting).

    Words of the organisation found only ``inside`` the given spans (health terms, as in
    "Samtykkekompetanse") do not count.
    """
    if "ansvarsgrupp" in lower:
        lower = lower.replace("ansvarsgrupp", "@" * 12)  # a group around one patient, not a unit
    for m in _ORG_RE.finditer(lower):
        if m.group() == "handlingsplan" and lower.endswith("be", 0, m.start()):
            continue  # "behandlingsplan": one patient's treatment plan, not an action plan
        if _INFLECTION_RE.match(lower, m.end()) is None and _PLACE_TAIL_RE.match(lower, m.end()):
            continue  # a word of the organisation that starts the name of a street or a place:
            # "Skolegata" holds no "skole"
        if not any(s <= m.start() and m.end() <= e for s, e in inside):
            return True
    if toks is None:
        toks = _WORD_RE.findall(lower)
    return not _ORG_WORD_SET.isdisjoint(toks)


def _org_word(t: str, consult: bool = False) -> bool:
    """The word names a unit, a service, a kind of meeting. With ``consult`` (the subject is a
    consultation: "oppfølging", "samtale") a unit named only by its last part does not count
    ("Voldtektsmottak oppfølging")."""
    return (t in _ORG_WORD_SET or _ORG_RE.search(t) is not None
            or (not consult and t.endswith(_ORG_TAILS)))


# Words that make a subject a consultation with one person.
_CONSULT_WORDS = frozenset(
    "oppfølging samtale kontroll time timen konsultasjon videokonsultasjon vurdering utredning "
    "behandling innkalling follow-up consultation appointment".split()
) | frozenset(("utgreiing",))


# A compound that ends in one of these names a kind of meeting ("Utskrivningsmøte", "Tumorboard").
_ORG_TAILS = ("møte", "møtet", "møter", "board", "boardet", "forum", "konferanse", "omsorg",
              "omsorgen", "mottak", "mottaket", "post", "posten", "skole", "skolen", "loven", "lova",
              "forskrift", "forskriften", "registeret", "register", "nemnd", "nemnda", "nemnda")
_EVENT_WORDS = frozenset(("død", "døde", "døden", "dead", "death", "died", "skadet", "skadd", "omkom",
                          "omkommet", "injured", "killed", "slo", "truet", "slått", "suicide"))


def _org_compound_after(text: str, lower: str, end: int) -> bool:
    """The word ending at ``end`` is the first part of a hyphenated compound that names a unit
    ("Hjertestans-team", "KOLS-skole")."""
    if end >= len(text) or text[end] not in "-\u2010\u2011":
        return False
    m = _WORD_RE.match(lower, end + 1)
    return m is not None and _org_word(m.group())


def find_text(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`find` on a plain string, with the combination :func:`scan` applies."""
    doc = Doc(text)
    found = _find(doc)
    has_ref = sum(1 for k, *_ in found if k == "patient_reference")
    has_health = any(k == "health" for k, *_ in found)
    if has_ref >= 2 or (has_ref and has_health):
        found = [(k, "block", s, e) for k, _, s, e in found]
    return found


def _find(doc: Doc) -> list[tuple[str, str, int, int]]:
    """Health terms and patient references in ``doc`` as (kind, severity, start, end)."""
    text, lower = doc.text, doc.lower
    out: list[tuple[str, str, int, int]] = []
    words = doc.words
    toks = doc.toks
    stems = [m for m in _STEM_RE.finditer(lower)]
    # a patient's appointment at a named unit is no subject about the organisation (issue 19)
    org = org_context(lower, toks, [m.span() for m in stems]) and not clinic.appointment_at_unit(doc)
    edu = org and _EDU_RE.search(lower) is not None
    consult = not _CONSULT_WORDS.isdisjoint(toks)

    # Health terms in words.
    for i, (s, e) in enumerate(words):
        t = toks[i]
        hit = t in _WORDS or (len(t) > 3 and t.startswith(_PREFIX_STEMS) and t[:3] in ("rus", "død", "dod"))
        if not hit and t.startswith(("ms-", "als-")):
            hit = True
        if not hit:
            continue
        if _org_word(t, consult) or (org and (edu or t not in _EVENT_WORDS)):
            continue
        if _org_compound_after(text, lower, e):
            continue
        out.append(("health", "warn", s, e))
    for m in stems:
        s, e = m.span()
        for ws, we in words:  # widen to the whole word (compounds)
            if ws <= s < we:
                s, e = ws, max(we, e)
                break
        if s != m.start() and m.group() in _START_ONLY:
            continue
        w = lower[s:e]
        rest = w.replace(m.group(), " ", 1)  # what the word says besides the health term
        if w in _NAME_WORDS and text[s].isupper():
            continue  # "Myrvold", "Grønvold": a surname, not violence
        if any(s < oe and os_ < e for _, _, os_, oe in out):
            continue
        if _org_word(rest, consult) or _org_compound_after(text, lower, e):
            continue
        if org and not (m.group().startswith(_EVENT_STEMS) and not edu):
            continue
        out.append(("health", "warn", s, e))

    # Health terms with one typo ("epilpesi", "stålebehandling"), in words no dictionary knows.
    for i, (s, e) in enumerate(words):
        t = toks[i]
        if e - s < 5 or t in _NOT_TYPO:
            continue
        term = _typo_of(t)  # (cached: first, before the costlier checks)
        if term is None or any(s < oe and os_ < e for _, _, os_, oe in out) or _org_word(t, consult):
            continue
        if org and not (term.startswith(_EVENT_STEMS) and not edu):
            continue
        out.append(("health", "warn", s, e))

    if "svar" in lower or "resultat" in lower or "result" in lower or "funn" in lower:
        for m in _EXAM_RE.finditer(lower):
            out.append(("health", "warn", m.start(), m.end()))

    for m in (_DIABETES_RE.finditer(lower) if doc.has_digit and "dm" in lower else ()):
        out.append(("health", "warn", m.start(), m.end()))

    # ICD-10 codes.
    for m in (_ICD_RE.finditer(text) if doc.has_digit else ()):
        if doc.cased and m.group(1).islower():
            continue
        before = _WORD_RE.findall(lower, max(0, m.start() - 16), m.start())
        if before and before[-1] in _ICD_NOT_AFTER:
            continue
        diag = (m.group(3) is not None) or bool(before and before[-1] in _DIAG_WORDS) or "icd" in lower
        out.append(("health", "block" if diag else "warn", m.start(), m.end()))

    # Patient references.
    for m in (_NEW_PATIENT_RE.finditer(lower) if "pa" in lower else ()):
        out.append(("patient_reference", "warn", m.start(), m.end()))
    if not org:
        for m in _DESCRIBED_RE.finditer(lower):
            out.append(("patient_reference", "warn", m.start(), m.end()))
    if "§" in lower or "paragraf" in lower:
        for m in _LAW_SECTION_RE.finditer(lower):
            if not org:
                out.append(("health", "warn", m.start(), m.end()))
    n = len(words)
    for i, (s, e) in enumerate(words):
        t = toks[i]
        if t in _PERSON_DEFINITE:
            if not ((org and t == "pasientens") or (edu and t == "familien")):
                out.append(("patient_reference", "warn", s, e))
        elif t.startswith(_CONVERSATION_PREFIXES) and not _org_word(t) and not edu:
            out.append(("patient_reference", "warn", s, e))
        elif t in _RELATIVES and (not org or "pasient" in lower or "patient" in lower
                                  or (i and toks[i - 1] in ("hos", "hjå"))):
            prev = toks[i - 1] if i else ""
            nxt = toks[i + 1] if i + 1 < n else ""
            if (t == "pårørende" and prev == "og" and i >= 2
                    and toks[i - 2] in ("pasient", "pasienter", "bruker", "brukere")):
                continue  # "pasient og pårørende": everyone's, not someone's
            if prev in _REL_CONTEXT or nxt in _REL_CONTEXT or n <= 3:
                out.append(("patient_reference", "warn", s, e))
    rooms = list(_ROOM_RE.finditer(text)) if doc.has_digit else []
    for m in rooms:
        before = _WORD_RE.findall(lower, max(0, m.start() - 12), m.start())
        if len(rooms) > 1 or (before and before[-1] in _ROOM_CONTEXT) or m.group()[0] in "sSbBpP":
            out.append(("patient_reference", "warn", m.start(), m.end()))
    for m in (_THE_PATIENT_RE.finditer(text) if _PATIENT_HINT.search(lower) else ()):
        out.append(("patient_reference", "warn", m.start(), m.end()))
    if not org and not any(k == "patient_reference" for k, *_ in out):
        for i, t in enumerate(toks):
            if t in ("pasient", "patient"):
                s, e = words[i]
                if text[e:e + 1] in ("-", "\u2010", "\u2011"):
                    continue  # "pasient- og brukerombud"
                # "Klage fra pasient", "Samtale med pasient", "Pasient fra Tjøme", "Pasient med
                # schizofreni", not "Pasient i sentrum"
                nxt = toks[i + 1] if i + 1 < len(toks) else ""
                if ((i and toks[i - 1] in _ONE_PATIENT_BEFORE) or not _CASE_WORDS.isdisjoint(toks)
                        or nxt in _ONE_PATIENT_AFTER):
                    out.append(("patient_reference", "warn", s, e))
                    break
    if " hos " in lower or " til " in lower or " with " in lower or " hjå " in lower:
        for m in _APPOINTMENT_RE.finditer(lower):
            out.append(("health", "warn", m.start(), m.end()))
    return out


def find(doc: Doc) -> list[Finding]:
    """Health terms and patient references in ``doc`` (offsets into ``doc.text``)."""
    return [Finding(k, s, a, b) for k, s, a, b in _find(doc)]
