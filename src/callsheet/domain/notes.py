"""What a free note says about the callee: that they died, that they asked never to be called, or nothing.

A note is read clause by clause, in English and Spanish. In a clause a cue counts only when it is about
the callee: not negated ("not deceased"), not about someone else ("his old boss passed away"), not a
question, and, for a don't-call, not limited to a time, a number or a place ("don't call before 10").
Whatever the note says, the recruiter decides: this only suggests an outcome.
"""

from __future__ import annotations

import re
import unicodedata

from callsheet.domain.outcomes import Outcome

#: People a death or a request may be about when it is not the callee.
_OTHERS = (
    r"(?:father|mother|dad|mom|mum|parents?|wife|husband|spouse|partner|son|daughter|kids?|child|baby|brother|"
    r"sister|sibling|uncle|aunt|grandfather|grandmother|grandma|grandpa|granddad|grandparents?|cousin|nephew|"
    r"niece|in-law|father-in-law|mother-in-law|boss|manager|supervisor|colleague|co-?worker|friend|mentor|"
    r"neighbou?r|ceo|cto|cfo|founder|owner|president|director|teammate|employee|assistant|client|dog|cat|pet|"
    r"padre|madre|papa|mama|esposa|esposo|marido|mujer|hijo|hija|hermano|hermana|tio|tia|abuelo|abuela|primo|"
    r"prima|sobrino|sobrina|suegro|suegra|jefe|jefa|gerente|companero|companera|colega|amigo|amiga|socio|socia|"
    r"perro|gato|mascota|dueno|fundador)"
)
_OTHER = re.compile(rf"\b{_OTHERS}(?:'s)?\b|\b(?:someone|somebody|alguien|a family member|un familiar)\b")
#: Words after which the rest of a clause is what someone reported ("his wife said he passed away").
_REPORTED = re.compile(r"\b(?:said|says|say|saying|told (?:me|us)|tells (?:me|us)|informed (?:me|us)|confirmed|"
                       r"explained|let (?:me|us) know|that|answered|replied|texted|emailed|wrote|dijo|dice|informo|"
                       r"confirmo|contesto|llamo|escribio|que)\b|:")
#: A relative or colleague speaking: then "her dad" in what they said is the callee.
_FAMILY_SPEAKS = re.compile(rf"\b{_OTHERS}\b.{{0,40}}\b(?:said|says|say|answered|told|texted|emailed|wrote|called|"
                            r"picked up|confirmed|replied|dijo|contesto|llamo|informo|escribio)\b")
#: Someone other than the callee asking not to be called for themselves.
_OTHER_ASKS = re.compile(r"\b(?:colleague|co-?worker|friend|boss|manager|referral|neighbou?r|companero|companera|"
                         r"colega|amigo|amiga|jefe|jefa)\b")
#: A cue right after a negation ("not deceased", "never said stop calling") is denied; "not interested" is not one.
_NEGATION = re.compile(r"(?:\b(?:not|no|never|nobody|nunca|tampoco)\b|n't\b)(?! interested| interesad)"
                       r"(?:\s+\S+){0,2}\s*$")
#: Words that make what follows a belief proved wrong or nearly so ("rumor that she died").
_HEDGE = re.compile(r"\b(?:rumou?r\w*|thought|assumed|mistaken(?:ly)?|wrongly|nearly|almost|creimos|creia|pense)\b")
_DENIED_AFTER = re.compile(r"\b(?:is false|was false|not true|untrue|was wrong|is wrong|mistake|es falso|"
                           r"no es cierto|not on it|isn't on|is not on|not listed|clear)\b")
_ALIVE = re.compile(r"\b(?:alive|still with us|esta vivo|esta viva|sigue vivo|sigue viva)\b")

_DEATH = re.compile(
    r"\bpass(?:ed)? away\b|\bhas passed\b|\bhad passed\b|\b(?:he|she|they|who|sadly|recently|suddenly|just) passed\b"
    r"(?! (?:on )?(?:the|an|this|that|it|our|my|his|her|their|us|me|him|along|over|a (?!few|couple|week|month|year)))"
    r"|\bpassing\b|^passed(?: away)?[.!]*$|\bdied\b|\bwe lost (?:him|her)\b|\bdeceased\b"
    r"|(?:^|\b(?:is|was|he's|she's|found|now|already) )dead\b(?! (?:end|set|tired|serious|"
    r"wrong|last|weight|zone|air|line))|\br\.?i\.?p\b|\brest in peace\b|\bfuneral\b|\bobituary\b|\bobit\b|"
    r"\bmemorial service\b|\bwidow(?:er)?\b|\blost (?:his|her|their) (?:battle|fight)\b|\bsuccumbed\b|"
    r"\b(?:was|been|got) killed\b|\bkilled in\b|\bno longer living\b|\bdeath\b|"
    r"\bfallecio\b|\bfallecido\b|\bfallecida\b|\bha fallecido\b|\bmurio\b|\bmuerto\b|\bmuerta\b|\bviuda\b|\bviudo\b|"
    r"\bq\.?e\.?p\.?d\b|\bdescanse en paz\b|\ben paz descanse\b|\bfunerales?\b|\bvelorio\b|\bsepelio\b|"
    r"\bentierro\b|\bpaso a mejor vida\b|\bperdio la vida\b|\bya no esta con nosotros\b|\bfallecimiento\b"
)
#: A piece of every cue of a death: a clause with none of them says nothing of one.
_DEATH_WORDS = ("pass", "die", "dead", "deceas", "rip", "r.i.p", "peace", "funeral", "obit", "memorial", "widow",
                "lost ", "succumb", "kill", "living", "death", "fallec", "muri", "muert", "viud", "qepd", "q.e.p",
                "descans", "velorio", "sepelio", "entierro", "mejor vida", "perdio", "nosotros")
#: Not the callee's death: a thing that died, a funeral someone attends, a widow being the callee.
_NOT_DEATH = re.compile(
    r"\b(?:phone|battery|call|line|connection|signal|deal|req|requisition|role|position|project|offer|lead|search|"
    r"laptop|car|plant|company|startup|business|idea|thread|conversation|number|email|account|interview|"
    r"opening|job|line went|"
    r"llamada|linea|telefono|bateria|proyecto|oferta|empresa)s? (?:has |had |just |is |was |went )?"
    r"(?:died|dead|passed|murio|muerto|muerta)\b"
    r"|\b(?:to|at|for|from|attend(?:ing|ed)?|attends|after|a|an) (?:a |an |the )?(?:[\w-]+(?:'s)? )?funeral\b"
    r"|\bfuneral (?:home|director)\b"
    r"|(?:\b(?:is|was|became|being|a recent|recently)|'s) (?:a )?widow(?:ed|er)?\b"
    r"|\bwidowed\b|\bes viud[oa]\b|\bquedo viud[oa]\b"
    r"|\bdeath in the family\b|\bbereavement\b|\bdeath march\b|\bdeath star\b|\bcause of death\b(?! was)"
    r"|\b(?:a|un|al|una) (?:funeral|velorio|entierro)\b|\bdied laughing\b|\bdying to\b"
)

_OPT_OUT = re.compile(
    r"\b(?:do not|don't|dont|never|not|never to|not to|please don't) (?:ever )?(?:to )?(?:call|contact|phone|ring|"
    r"reach out|be called|be contacted)\b"
    r"|\b(?:does not|doesn't|don't|do not|did not|didn't) want (?:to be |any )?(?:called|contacted|calls|contact)\b"
    r"|\b(?:stop|quit|cease) (?:calling|contacting|phoning|ringing|bothering)"
    r"|\b(?:take|took|taken|taking|remove|removed|removing|removal|delete|deleted|drop|dropped|get|put|keep)"
    r" (?:(?:me|him|her|them|my|his|her|their|this) (?:number |info |details |name |contact )?)?"
    r"(?:off|from|out of) (?:[\w-]+ ){0,2}(?:list|lists|database|system|records|rolodex)\b"
    r"|\b(?:asked|asking|wants?|wanted|requested|demanded) (?:to be|us to|that we) (?:remove|removed|taken off|"
    r"take (?:him|her|them) off|not call|stop)"
    r"|\b(?:remove|delete|erase|lose|forget) (?:my|his|her|their|this) (?:number|contact|details|info)"
    r"|\bno (?:more|further) (?:calls|contact|calling)\b|\bnot (?:to )?be (?:called|contacted)\b|\bnot called again\b"
    r"|\bunsubscribe\b|\bleave (?:me|him|her|them) alone\b|\bdnc\b|\bdo[- ]not[- ]call list\b"
    r"|\bnever want(?:s)? to hear from\b|\bwants? no contact\b|\bopt(?:s|ed)? out\b"
    r"|\bno (?:me|le|les|nos|lo|la|los|las) (?:(?:vuelv|volv)\w* a )?(?:llam|contact|molest)\w*"
    r"|\bno (?:\w+ )?(?:vuelv|volv)\w* a (?:llamar|contactar)|\bno (?:llamar|contactar)\b"
    r"|\bdej\w* de (?:llamar|molestar|contactar)\w*"
    r"|\b(?:quit|saqu|sac|borr|elimin)\w*\b.{0,30}\b(?:lista|listas|base de datos|numero|datos)\b"
    r"|\bno (?:quiere|desea) (?:que (?:lo|la|le) (?:llam|contact)\w*|(?:mas )?llamadas)"
    r"|\bno mas llamadas\b|\bnunca (?:me|le|lo|la|nos) (?:llam|vuelv)\w*"
)
#: A list named, not asked for: "checked the DNC list".
_NOT_OPT_OUT = re.compile(r"\b(?:check\w*|scrub\w*|look\w* up|search\w*|ran|run|against) (?:[\w-]+ ){0,3}"
                          r"(?:dnc|do[- ]not[- ]call)\b")
#: What makes a don't-call a limited one: a time, a place, a number, or someone else to call.
_LIMITED = re.compile(
    r"\b(?:before|after|until|till|til|during|between|while|unless|except|yet|today|tonight|tomorrow|now|"
    r"weekends?|mornings?|evenings?|afternoons?|nights?|lunch|noon|"
    r"mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|this (?:week|month|quarter)|"
    r"next (?:week|month)|for (?:now|a while|a bit|the next|a few|\w+ (?:days|weeks|months))|"
    r"(?:at|on|to) (?:his |her |their |the )?(?:work|office|job|desk|cell|mobile|landline|home|house)|"
    r"cell|mobile|landline|office|work (?:number|line|phone)|desk line|main line|switchboard|reception|"
    r"(?:his|her|their|the) (?:boss|wife|husband|manager|employer|references?|assistant|company|team|colleagues)|"
    r"references?|current employer|cold|first|directly|without|on (?:his|her|their|a|the) \w+|"
    r"antes|despues|hasta|durante|hoy|manana|ahora|fines? de semana|por la (?:manana|tarde|noche)|"
    r"al (?:trabajo|celular|movil|oficina)|en (?:el trabajo|la oficina|horario)|los (?:lunes|martes|miercoles|"
    r"jueves|viernes|sabados|domingos)|esta semana|por ahora|todavia)\b"
    r"|\b(?:at|before|after|until|till|antes de las|despues de las) ?\d|\b\d{1,2}(?::\d\d)? ?(?:am|pm)\b"
    r"|\b(?:he|she|they)(?:'ll| will) (?:call|reach out|get back|email|text)|\bwill call (?:us|me|back)\b"
)
_CLAUSE_END = re.compile(r"(?<=[.;!?\n])(?=\s|$)|(?<=,)|\s+(?:but|however|though|although|pero|aunque|sin embargo)\s+"
                         r"|\s[-–—]\s")


def _plain(text: str) -> str:
    """Lower case, without accents, with one kind of apostrophe: "Falleció" and "fallecio" read alike."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clauses(note: str) -> list[str]:
    """A note cut at sentence ends, commas and turns such as "but".

    >>> clauses("No answer. Her father died last year, she is back at work")
    ['no answer.', 'her father died last year,', 'she is back at work']
    """
    return [c.strip() for c in _CLAUSE_END.split(_plain(note)) if c and c.strip()]


def _subject(before: str) -> str:
    """What a clause says before a cue, after the last word that reports someone's words."""
    reported = list(_REPORTED.finditer(before))
    return before[reported[-1].end():] if reported else before


def _asserted(clause: str, start: int, end: int) -> bool:
    """Whether the cue at start..end is said as a fact: not negated, hedged, denied after, or asked."""
    before = clause[:start]
    return not (_NEGATION.search(before) or _HEDGE.search(before) or _DENIED_AFTER.search(clause[end:])
                or clause.rstrip().endswith("?"))


def _says_death(clause: str, earlier: str) -> bool:
    if not any(word in clause for word in _DEATH_WORDS):
        return False  # most notes: no cue can match, and the patterns are not run
    cues = list(_DEATH.finditer(clause))
    if not cues or _NOT_DEATH.search(clause) or _ALIVE.search(clause):
        return False
    for cue in cues:
        subject = _subject(clause[:cue.start()])
        spoken_by_family = _FAMILY_SPEAKS.search(earlier + " " + clause[:cue.start()])
        if _OTHER.search(subject) and not spoken_by_family and not re.search(r"\b(?:widow|viud)", cue.group()):
            continue  # "his old boss passed away": someone else's death
        after = clause[cue.end():]
        if re.match(r"\s*(?:of )?(?:his |her |their |a |an |my )?(?:own |late |old )?" + _OTHERS, after):
            continue  # "the passing of his father", "widow of a friend"
        if _asserted(clause, cue.start(), cue.end()):
            return True
    return False


def _says_opt_out(clause: str) -> bool:
    if _NOT_OPT_OUT.search(clause):
        return False
    for cue in _OPT_OUT.finditer(clause):
        if _LIMITED.search(clause[cue.end():]):
            continue  # "don't call before 10", "don't call his office"
        if _OTHER_ASKS.search(_subject(clause[:cue.start()])):
            continue  # "his colleague asked to be removed"
        if _asserted(clause, cue.start(), cue.end()):
            return True
    return False


def note_says(note: str) -> Outcome | None:
    """What a note says about the callee: `Outcome.DECEASED`, `Outcome.DO_NOT_CALL`, or None.
    A death outranks a request not to be called.

    >>> note_says("No answer; his widow called back: he passed away last month")
    <Outcome.DECEASED: 'deceased'>
    >>> note_says("Not deceased, moved to Denver"), note_says("Said don't call before 10")
    (None, None)
    >>> note_says("Quíteme de su lista, por favor")
    <Outcome.DO_NOT_CALL: 'do_not_call'>
    """
    parts = clauses(note)
    dies = any(_says_death(c, " ".join(parts[:i])) for i, c in enumerate(parts))
    if dies and not any(_ALIVE.search(c) for c in parts):
        return Outcome.DECEASED
    if any(_says_opt_out(c) for c in parts):
        return Outcome.DO_NOT_CALL
    return None


#: How strongly each outcome stops the calls: a suggestion is asked about when the outcome chosen is weaker.
_STRENGTH = {Outcome.DO_NOT_CALL: 1, Outcome.DECEASED: 2}


def weaker_than_note(outcome: Outcome, note: str) -> Outcome | None:
    """The outcome a note suggests when the chosen one says less, else None.

    >>> weaker_than_note(Outcome.NO_ANSWER, "passed away last month")
    <Outcome.DECEASED: 'deceased'>
    >>> weaker_than_note(Outcome.DECEASED, "stop calling me"), weaker_than_note(Outcome.DO_NOT_CALL, "RIP")
    (None, <Outcome.DECEASED: 'deceased'>)
    """
    said = note_says(note) if note.strip() else None
    if said is None or _STRENGTH.get(outcome, 0) >= _STRENGTH[said]:
        return None
    return said
