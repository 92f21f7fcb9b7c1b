"""The Dutch lesson patterns: sentences, and the rules that say whether a sentence is a
lesson and of which type.

A lesson is one whole sentence (see :func:`sentence_spans`): the pipeline's sentencizer,
also split at blank lines, with leading and trailing white space left out. Each family
of rules looks at the sentence's lower-case text and its lemmas (``nlp.dutch_pipeline``);
the first family that fires gives the type, in this order:

1. ``shared`` — knowledge passed on or taken over: *gedeeld*, *overgenomen*, *naar
   voorbeeld van*, a *draaiboek*, "andere dorpen kunnen het gebruiken";
2. ``do_differently`` — hindsight about one's own acts: *volgende keer*, *anders doen*,
   *had(den) … moeten*, "zou ik … anders/eerder";
3. ``changed_practice`` — "since then we …": *sindsdien*, *inmiddels*, *voortaan*,
   *tegenwoordig*, *dat hebben we overgehouden*, *we doen nu*, "nu" with a change word
   (*beter*, *anders*, *opnieuw*, *vast*), *opnieuw verdeeld*;
4. ``advice`` — tips and advice: *tip*, *advies*, *aanraden*, *begin klein*, and
   imperative sentences (*Verdeel taken …*, *Leg afspraken vast*) in reports and in a
   report's lessons section;
5. ``insight`` — learning and noticing: the lemmas *leren*, *merken*, *ontdekken*,
   *opvallen*, *beseffen*, *realiseren*, *erachter komen*; hindsight (*achteraf*,
   *terugkijkend*); what works (*wat wel werkt*, *werkt beter*, *lopen het best*);
   *bleek moeilijk*; general truths in the second person (*je moet niet …*, *zonder … red
   je het niet*); every other sentence of a report's lessons section.

Each family also has general Dutch constructions beyond these examples (epistemic and
evaluative frames, general truths with a generic subject, "since" with a point in time,
imperatives in interview answers that read as advice; ``docs/learning.md`` lists them).
Round 4 added more general constructions: causes and keys (*het verschil maakte*, *de
sleutel*, *kwam doordat*), general truths with the subject after the verb or
dislocated ("…, daar haken mensen op af"), "not any more" and "now also" with we,
visits both ways, bare-infinitive and separable imperatives; hesitations at a
sentence's start are left out first, and table rows and lead-ins ending in a colon are
no lessons. When no rule fires, the interviewer's question
(:func:`.frames.question_frame`) or a lead-in (:func:`.frames.lead_in_frame`) gives the
type of the first sentences after it. Questions, text that is not Dutch
(:func:`.frames.is_dutch`) and what participants learned are never lessons.

>>> classify("Volgende keer zou ik de huisarts er veel eerder bij halen.")
('do_differently', 'een volgende keer')
>>> classify("Mijn tip aan andere dorpen: begin klein.")
('advice', 'tips')
>>> classify("Hoe gaat het?") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from .frames import is_dutch, question_frame

__all__ = [
    "LESSON_TYPES",
    "classify",
    "is_dutch",
    "is_imperative",
    "is_lessons_heading",
    "question_frame",
    "sentence_spans",
]

#: The types of lessons, in the order of the contract.
LESSON_TYPES = ("insight", "do_differently", "changed_practice", "advice", "shared")

_W = r"(?<![\w-])"  # a word start
_E = r"(?![\w-])"  # a word end


def _rx(*patterns: str) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(_W + p + _E), p) for p in patterns]


_SHARED = _rx(
    r"(hebben|heeft|hebt|is|zijn|werd|werden|wordt) (\w+ ){0,6}gedeeld",
    r"gedeeld (met|via)",
    r"overgenomen",
    r"(kunnen|kan|konden|mogen) (\S+ ){0,12}overnemen",
    r"naar (het )?voorbeeld van",
    r"draaiboek",
    r"andere (dorpen|projecten|initiatieven|gemeenten|wijken|kernen) (\w+ ){0,4}"
    r"(kunnen|kan) (\w+ ){0,3}gebruiken",
    r"(kennis|ervaring(en)?) (\w+ ){0,3}(doorgegeven|overgedragen)",
    # knowledge passed on in other words: told, presented, sent, visited, asked for
    r"(ons|onze|hun|mijn) (\w+ ){0,2}verhaal (\w+ ){0,2}(verteld|vertellen|gedaan)",
    r"verteld over (ons|onze|hun|mijn|de|het) (\w+ ){0,2}(ervaring(en)?|aanpak|project|werkwijze)",
    r"(workshop|presentatie|lezing|training) (\w+ ){0,3}(gegeven|verzorgd|gehouden)",
    r"(gegeven|verzorgd|gehouden) (\w+ ){0,2}(workshop|presentatie|lezing)",
    r"gepresenteerd",
    r"(hebben|heb|heeft) (we|wij|ik|ze|zij) (\w+ ){0,8}uitgelegd",
    r"uitgelegd (aan|hoe)",
    r"doorgestuurd",
    r"(geven|geeft|gaven) (\w+ ){0,3}door",
    r"(statuten|reglement|draaiboeken|handleiding|recept|aanpak|werkwijze|format|sjabloon)"
    r" (\w+ ){0,3}(gekregen|opgevraagd|gestuurd|verspreid)",
    r"(gekregen|opgevraagd) (\w+ ){0,3}(statuten|reglement|draaiboek(en)?|handleiding|aanpak)",
    r"(als|ter) voorbeeld (op|voor|gebruikt|genoemd|gesteld)",
    r"staat (\w+ ){0,2}op (de )?(website|site)",
    r"op bezoek (geweest|gegaan|gekomen|gaan|komen)",
    r"(komen|kwamen|kwam|komt|gekomen) (\w+ ){0,6}kijken",
    r"(wilden|willen|wilde|wil) weten hoe (wij|we|jullie)",
    r"(nu|ook) zelf (een|iets) (\w+ ){0,3}(opgezet|opzetten|opgericht|oprichten)",
    r"(kunnen|kan) (\w+ ){0,3}(leren|gebruiken) van (ons|onze|wat (we|wij))",
    # sent, shown along, exchanged, told how, spoken at a meeting, taken as a model
    r"(ze|hun|hen|jullie) (\w+ ){0,8}(gemaild|gestuurd|toegestuurd|opgestuurd)",
    r"(meegedraaid|meegelopen|meedraaien|meelopen|laten meedraaien|laten meelopen)",
    r"(ervaring(en)?|kennis|tips) (\w+ ){0,3}(uit(wisselen|gewisseld)|(ge)?deeld|delen)",
    r"(wisselen|wisselden) (\w+ ){0,4}(ervaring(en)?|kennis|tips) (\w+ ){0,2}uit",
    r"verteld hoe (we|wij|ze|zij|jullie) (\w+ ){0,6}(hebben|zijn|doen|deden|aanpakken|"
    r"aangepakt|gedaan|omgegaan|geregeld|werken|werkten)",
    r"(gesproken|verteld|presentatie) (\w+ ){0,4}op (een|de) (\w+ ){0,2}"
    r"(bijeenkomst|themabijeenkomst|regiobijeenkomst|netwerkbijeenkomst|ledenavond|congres)",
    r"uitgegaan van (de|onze|hun) ervaring(en)?",
    r"(bij|van) ons (\w+ ){0,3}(opgevraagd|gehaald|geleend|meegekeken|afgekeken)",
    r"(heeft|hebben) bij ons (\w+ ){0,3}gekeken",
    r"(geef|geeft|geven|gaf|gaven) (\w+ ){0,5}(training|workshop|presentatie|lezing|cursus) aan",
    r"(laat|laten|liet|lieten) (\w+ ){0,4}(ons|onze) (\w+ ){0,2}zien",
    r"elkaars (aanpak|ervaringen|werkwijze|plannen)",
    r"(met|bij) ons (\w+ ){0,3}mee(gereden|gelopen|gedraaid|gekeken|gedaan)",
    r"(ze|hun|hen|jullie) (onze|ons) (\w+ ){0,6}(gegeven|gestuurd|gemaild|geleend)",
    r"(handleiding|draaiboek|stappenplan|werkwijze) (\w+ ){0,3}(geschreven|gemaakt|opgesteld) "
    r"voor (andere )?(dorpen|initiatieven|projecten|gemeenten|kernen|wijken)",
    r"(beschikbaar|ter beschikking) (\w+ ){0,1}gesteld (aan|voor) (\w+ ){0,2}(andere|anderen|"
    r"iedereen|kernen|dorpen|gemeenten|initiatieven)",
    r"(kwamen|komen|kwam|komt) (\w+ ){0,6}naar ons toe",
    r"(ook|iets) (vergelijkbaars|hetzelfde|zoiets) (\w+ ){0,3}(aan het )?(opzetten|opzet|beginnen)",
    # round 4: visits both ways, things given along or copied, a session for other places,
    # a guide that anyone may use
    r"(zijn|waren|is|was) (er )?(\w+ ){0,6}bij ons (\w+ ){0,2}(geweest|op bezoek)",
    r"(zijn|waren|ben) (we|wij|ik) (\w+ ){0,2}bij (de|het|een) (\w+ ){0,4}geweest",
    r"(we|wij|ik) (zijn|waren|ben) (\w+ ){0,2}bij (de|het|een) (\w+ ){0,4}geweest",
    r"(meegegeven|afgekeken|nagedaan|afgekeken bij)",
    r"(verteld|laten zien|uitgelegd) hoe (het|we|wij) (\w+ ){0,3}(bij ons|ging|gaat|werkt|doen|"
    r"deden|werken)",
    r"(gegeven|verzorgd|georganiseerd|gehouden) (\w+ ){0,2}(voor|aan) (\w+ ){0,2}(andere|anderen)",
    r"(werkplaats|werksessie|masterclass|rondleiding|kennissessie) (\w+ ){0,3}(gegeven|verzorgd|"
    r"gehouden|georganiseerd)",
    r"(iedereen|anderen|andere \w+) (mag|mogen|kan|kunnen) (\w+ ){0,2}gebruiken",
    r"staat (\w+ ){0,2}online",
)
_CHANGED = _rx(
    r"sindsdien",
    r"inmiddels",
    r"voortaan",
    r"tegenwoordig",
    r"overgehouden",
    r"(we|wij) doen (het )?nu",
    r"nu (\w+ ){0,4}(beter|anders|opnieuw|vast|vaste)",
    r"(beter|anders|opnieuw) (\w+ ){0,2}nu",
    r"(beter|anders|opnieuw) verdeeld",
    r"sinds (vorig|afgelopen|het eerste|de eerste|dat) \w+ (\w+ ){0,3}(werken|doen|hebben|gaan)"
    r" (we|wij)",
    r"(we|wij) (werken|doen) (\w+ ){0,3}sinds",
    r"(zijn|ben) (we|wij|ik) (\w+ ){0,3}overgestapt",
    # "nu" first, with we doing something: a change, not a count ("We zitten nu op 27")
    r"^((dus|en|maar|ja)[, ]+){0,2}nu (hebben|doen|vragen|werken|zeggen|proberen|gebruiken|"
    r"zetten|maken|houden|gaan|nodigen|bellen|plannen|laten|geven) (we|wij|ik)",
    r"(we|wij|ik) (zeggen|vragen|proberen|nodigen|bellen|plannen|laten) (\w+ ){0,2}nu",
    r"vroeger [^.;!?]{0,80} nu",
    r"nu [^.;!?]{0,80} vroeger",
    r"(aangepast|veranderd|gewijzigd|bijgesteld) (nadat|na|naar aanleiding|omdat)",
    # "sinds" with a point in time: what is done since then
    r"sinds (dit|dat|vorig|vorige|afgelopen|deze|die|de|het) (\w+ )?(jaar|voorjaar|najaar|"
    r"zomer|winter|lente|herfst|maand|week|seizoen|keer)",
    r"sinds (19|20)\d\d",
    r"sinds (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december)",
    r"(hebben|heb|heeft|zijn) (we|wij|ik|ze) (\w+ ){0,6}(ingevoerd|afgeschaft|ingesteld|"
    r"overgestapt|omgegooid|veranderd|aangepast|omgedraaid|gestopt met|begonnen met|"
    r"losgelaten|opgeheven|geschrapt|vervangen door|verplaatst naar|omgebouwd|herzien)",
    r"(we|wij|ik) (hebben|heb|zijn|ben) (\w+ ){0,6}(ingevoerd|afgeschaft|losgelaten|opgeheven|"
    r"geschrapt|overgestapt|omgegooid|omgebouwd|herzien|omgezet)",
    r"(we|wij|ik) (?!hebben|heb|zijn|ben)\w+ (nu|tegenwoordig|voortaan) (\w+ )?(elk|elke|iedere|"
    r"ieder|altijd|eerst|"
    r"vooraf|standaard|vaste|vast|samen|zelf)",
    r"(ingevoerd|afgeschaft|omgedraaid)",
    r"^((dus|en|maar|ja)[, ]+){0,2}nu (heeft|hebben|is|zijn|hangt|hangen|staat|staan|ben|"
    r"krijgt|krijgen|werkt|werken|doet|doen|gaat|gaan|kookt|koken|rijdt|rijden|mag|mogen)",
    r"(er is|er zijn|we hebben|wij hebben|ik heb) nu (ook )?(een|twee|drie|elke|vaste|"
    r"eigen)",
    r"(ik|we|wij) (\w+ ){1,2}nu (\w+ )?(mee|voortaan|altijd|eerst|zelf|samen)",
    r"(zijn|is) nu (op|in|bij|om)",
    r"(nog|alleen) (nog )?(maar )?als er (echt )?iets is",
    r"\w+en (we|wij) nu",
    r"vanaf (19|20)\d\d,? (\w+ ){0,2}(we|wij)",
    r"vanaf (dit|vorig|afgelopen|het tweede|het derde|de tweede) (\w+ )?(jaar|seizoen|voorjaar|"
    r"najaar|zomer|winter)",
    # round 4: "not any more" with we, "now" with we or they, a consequence acted on
    r"\w+en (we|wij) (\w+ ){0,6}(niet|nooit) meer",
    r"^((dus|en|maar|ja)[, ]+)?(we|wij) (?!hebben|zijn|zitten|kunnen|moeten|willen|weten|hopen)"
    r"\w+en (\w+ ){0,6}(niet|nooit) meer",
    r"^((dus|en|maar|ja)[, ]+)?(we|wij) (?!hebben|zijn|zitten|staan|weten|kunnen|moeten|willen|"
    r"gaan|hopen)\w+ nu\b",
    r"(we|wij|zij|ze) (?!zitten|hebben|zijn|staan|weten|kunnen|moeten|willen)\w+en nu (ook|zelf|"
    r"weer)",
    r"(elke|iedere|ieder) \w+ (heeft|krijgt|doet|gaat|neemt|belt|maakt) nu",
    r"daarom (\w+ ){0,3}nu",
    r"(doen|houden|werken) (we|wij) (\w+ ){0,2}nog steeds",
    r"^((dus|en|maar|ja)[, ]+){0,2}nu (?!(is|zijn|was|waren|hebben|weten|moeten|kunnen|willen|"
    r"zullen|gaan|zitten)\b)\w+en\b(?! er\b)",
    r"(is|zijn) nu weer",
    r"nog (maar )?(één keer|eens|een keer|twee keer) per (week|maand|jaar|kwartaal)",
    r"^sinds (de|het|ons|onze|die|dat|deze|we|wij)",
    r"(is|zijn|werd|werden) (\w+ ){0,3}(vervangen door|omgezet in|omgebouwd tot)",
    r"(grootste|belangrijkste) verandering",
    r"(is|zijn) (er )?(\w+ ){0,2}bij ?gekomen",
)
_DIFFERENTLY = _rx(
    r"(een )?volgende keer",
    r"anders (aan)?pakken",
    r"anders doen",
    r"anders gedaan",
    r"(had|hadden|hadt) (\w+ ){0,8}(moeten|kunnen)",
    r"zou(den)? (ik|we|wij|je) (\w+ ){0,6}(anders|eerder|meteen|nooit meer|niet meer|eerst|"
    r"vanaf het begin|direct)",
    r"(ik|we|wij) zou(den)? (\w+ ){0,6}(anders|eerder|meteen|nooit meer|niet meer|eerst|"
    r"vanaf het begin|direct)",
    r"met de kennis van nu",
    r"opnieuw beginnen",
    r"(achteraf|terugkijkend)( gezien)?,? (\w+ ){0,4}te (veel|lang|laat|weinig|snel|vroeg)",
    r"zou(den)? (\w+ ){0,8}hebben (\w+ )?(ge\w+|moeten|laten)",
    r"(als|mocht) (ik|we|wij|je) (\w+ ){0,3}opnieuw",
    r"opnieuw (zou|zouden|begon|begonnen|beginnen)",
    r"(hebben|heb|heeft|had|hadden|waren|zijn|ben) (we|wij|ik) (\w+ ){0,6}te (laat|vroeg|"
    r"snel|weinig|"
    r"veel|groot|lang)",
    r"(we|wij|ik) (hebben|heb|waren|zijn|ben) (\w+ ){0,6}te (laat|vroeg|snel|weinig|veel|"
    r"groot|lang) (ge\w+|begonnen|aangevraagd|betrokken)",
    r"^((en|maar|dus|ja)[, ]+)?(ik|we|wij) zou(den)? (\w+ ){0,4}(\w+er|kleiner|groter|eerder|"
    r"later|vaker|minder|meer|beter)",
    r"^((en|maar|dus|ja)[, ]+)?(ik|we|wij) zou(den)? (\w+ ){0,6}(betrekken|vragen|regelen|"
    r"doen|beginnen|aanpakken|houden|zoeken|nemen|inschakelen|uitnodigen|afspreken)",
    r"(volgend|komend) (jaar|seizoen) (\w+ ){0,3}(alsnog|anders|beter|wel)",
    r"(voor|in) (het )?(volgend|komend) (jaar|seizoen),? (maken|gaan|willen|zetten) (we|wij)",
)
_ADVICE = _rx(
    r"tips?",
    r"advies",
    r"adviseren",
    r"aanraden",
    r"raad(t)? (ik|we|wij) (\w+ ){0,6}aan",
    r"begin (klein|bij|met|op tijd)",
    r"mijn advies",
    r"(zeg|zeggen|vertel|vertellen) (ik|we|wij) (\w+ ){0,3}tegen (iedereen|anderen|andere|nieuwe)",
    r"(geadviseerd|adviseer|aangeraden|raad (ik|we) aan)",
    r"(ik|we|wij) zou(den)? (\w+ )?(zeggen|aanraden|adviseren)",
    r"^((en|maar|dus)[, ]+)?je hoeft (\w+ ){0,4}niet",
    r"(het|iets) (ergste|beste) wat (er )?(je )?(kan|kun)",
    r"^((en|maar|dus)[, ]+)?(een|de|als) (gemeente|bestuur|initiatief(nemer)?|professional|"
    r"vrijwilliger|organisatie) (moet|moeten|hoeft|mag)",
    # round 4: "wij geven mee:", and advice as a bare infinitive ("Niet te groot beginnen.")
    r"(geven|geef|gaf|gaven) (ik|we|wij) (\w+ ){0,3}mee",
    r"^((en|maar|dus)[, ]+)?(niet|nooit|eerst|vooral) (\w+ ){0,5}"
    r"(?!ge(weten|zien|geven|daan|kregen|worden|bleven|komen|gaan|hoord|lezen)\b)\w+en\.?$",
)
_INSIGHT_TEXT = _rx(
    r"achteraf",
    r"terugkijkend",
    r"achteraf gezien",
    r"erachter (gekomen|kwamen|komen|kwam)",
    r"wat (wel|wél|niet|echt|goed) (werkt|werkte|werken|werkten)",
    r"(is|zijn|was|waren) (\w+ ){0,2}het (sterkst|sterkste|best|beste|belangrijkst|"
    r"belangrijkste|moeilijkst|moeilijkste|lastigst|lastigste)",
    r"maakt (\w+ ){0,2}(veel|weinig|niet|geen|het) (\w+ )?(uit|verschil)",
    r"(werkt|werken|werkte|werkten|loopt|lopen|liep|liepen) (\w+ ){0,3}"
    r"(het best|het beste|beter|slechter|matig|averechts)",
    r"(werkt|werkte|werken) (\w+ ){0,2}niet",
    r"bleek (het )?(\w+ )?(moeilijk|lastig|belangrijk|nodig|makkelijk|beter|essentieel)",
    r"(bleek|bleken|blijkt|blijken) (\w+ ){0,3}(niet|geen|wel|te|onmisbaar|nodig|essentieel|"
    r"cruciaal|de oplossing)",
    r"veel (gehad|geleerd|opgestoken) (aan|van)",
    r"(belangrijkste|grootste|eerste|mooiste|waardevolste) les(sen)?",
    r"les(sen)? (geleerd|getrokken)",
    r"zonder (\w+ ){1,4}red (je|we|jij) het niet",
    r"^zonder (\w+ ){1,5}\w+ (je|we|jij) (\w+ ){0,10}niet",
    r"(levert|leverde|leverden|leveren) (\w+ ){0,3}(weinig|niks|niets|veel|bijna niks|"
    r"nauwelijks iets|nauwelijks wat) op",
    r"(geeft|gaf|geven|gaven) (\w+ ){0,2}(veel |een hoop )?(rust|lucht|duidelijkheid|houvast)",
    r"je (moet|kunt|kan) (\w+ ){0,2}niet",
    r"het (belangrijkste|grootste) (is|was) dat",
    r"(dat|dit|het) (heeft|hebben) (\w+ ){0,2}geholpen",
    r"(de|het) (goede|juiste|verkeerde) (volgorde|aanpak|keuze|manier|moment|plek)",
    r"(werkt|werkte|werken|werkten) (\w+ )?(wel|goed|prima)",
    r"^((en|maar|dus)[, ]+)?je moet",
    r"les(sen)? (voor|van|uit) (ons|mij|mezelf|onszelf)",
    # epistemic and evaluative frames
    r"(dat|dit) weet ik (nu|inmiddels|intussen)",
    r"(wat|waar) (mij|me|ons|je) (\w+ ){0,2}(verbaasde|verbaast|opviel|opvalt|verraste|"
    r"raakte|tegenviel|meeviel)",
    r"wat (ook )?(meespeelt|meetelt|opvalt|opviel|helpt|hielp|telt)",
    r"(het|dat) (blijkt|bleek) (\w+ ){0,2}(dat|wel|niet|toch)",
    r"(ik|we|wij) (heb|hebben) (\w+ ){0,2}(gezien|gemerkt|ervaren|ondervonden) dat",
    r"(ik|we|wij) (denk|denken|geloof|geloven) (\w+ ){0,1}dat (je|mensen|jongeren|"
    r"ouderen|inwoners|bewoners|vrijwilligers|een|de gemeente)",
    r"(had|hadden) (ik|we|wij) (\w+ ){0,4}(niet|nooit) (\w+ ){0,2}(gedacht|verwacht|bedacht)",
    r"(daar|dat) (had|hadden) (ik|we|wij) (\w+ ){0,4}(nooit|niet) (aan )?gedacht",
    r"(door|doorgehad|doorhebben|door te hebben)$",
    r"door (te )?(hebben|had|hadden)",
    r"je onderschat",
    r"(?<=, )(merk|merken|zie|zien|zag|zagen|merkte|merkten) (ik|we|wij)",
    r"(ik|we|wij) (dacht|dachten) (eerst |altijd |toen |vroeger )?dat",
    r"(de|het|een) (doorbraak|keerpunt|omslagpunt|omslag|sleutel tot)",
    # a comparison of ways in the present tense, not a plan missed ("langer dan gepland")
    r"(is|zijn|werkt|werken|weegt|wegen|helpt|helpen|levert|leveren) "
    r"(\w+ ){0,2}(veel |stukken |een stuk )?(\w{3,}er) dan(?! (\d|gepland|verwacht|begroot))",
    r"(is|zijn|was|waren) (\w+ ){0,3}(funest|cruciaal|essentieel|onmisbaar|goud waard|"
    r"doorslaggevend|van groot belang)",
    r"(onderschat|overschat)",
    r"(het|dat) (gaat|ging) (\w+ ){0,2}(minder|meer|niet) om",
    r"(is|zijn) geen (\w+ ){1,2}maar",
    r"(niet|geen) (\w+ ){0,4}genoeg",
    r"niemand (gaat|wil|komt)",
    r"(kost|kostte) (\w+ ){0,2}(meer|veel|minder) (tijd|moeite|geld|energie)",
    r"(houdt|hield) (\w+ ){0,2}(langer|beter) stand",
    r"(wat|dat) (echt |erg |heel )?(belangrijk|essentieel|cruciaal) (is|was)",
    r"^((en|maar|dus)[, ]+)?(dat|dit|het) (\w+ )?(was|is) (echt |heel |erg )?(belangrijk|"
    r"essentieel|cruciaal|een (echte )?eye-?opener)",
    r"(dan|zo) (krijg|bereik) je (ze|mensen|jongeren)",
    r"(vanzelf|van zelf)\.?$",
    # round 4: what made the difference, the key, a cause, a turn of insight
    r"verschil (maakt|maakte|maken|maakten)",
    r"(is|zijn|was|waren) (\w+ ){0,3}(de|het) (sleutel|crux|geheim)\b",
    r"(kwartje|muntje) (viel|valt)",
    r"(dat|het|dit) (kwam|komt|lag|ligt) (\w+ ){0,3}(doordat|aan het feit)",
    r"(bleek|blijkt|gebleken) (\w+ ){0,2}dat",
    r"(zie|merk|zag|merkte|zien|merken|zagen|merkten) (ik|we|wij) (\w+ ){0,2}dat",
    r"(die|dat|wat) het (\w+ )?doet\b",
    r"(het|dat|wat) (helpt|hielp|scheelt|scheelde) (\w+ ){0,2}(als|wanneer|om)",
    r"(is|zijn|waren|doet|doen|levert|leveren|kom|komt|werkt) (\w+ ){0,2}(meer|minder) "
    r"(\w+ ){0,2}(op )?dan(?! (\d|gepland|verwacht|begroot|vorig))",
    r"(waren|was) (\w+ ){0,2}(\w{3,}er) dan(?! (\d|gepland|verwacht|begroot|vorig))",
    r"ander(e|s)? (\w+ ){0,2}dan (we |ik )?(gedacht|verwacht)",
    r"(keer|maal) zo (snel|goed|makkelijk|veel)",
    r"(moet|moeten) (\w+ ){0,5}zijn[,.]",
    r"^((dus|en|maar)[, ]+)?(een|elke|iedere) \w+ (moet|hoeft|kan niet|mag niet)",
    r"(daar|hier) (moet|hoef|kun|kan|mag|haken|kom|krijg) (je|mensen)",
    r"(daar|dan) \w+ (ze|mensen|jongeren|ouderen) (wel|niet|nooit)",
    # a general truth with the subject after the verb ("Met alleen enthousiasme kom je een
    # jaar ver, niet drie."), or after "zodra" ("Zodra je zegt …, zeggen ze ja.")
    r"^(\w+ ){1,5}(kom|krijg|bereik|red|hou|houd|kun|kan|moet|bent|ben|doe|haal|win|verlies|"
    r"maak|zie|hoor) je [^.;!?]{0,60}(niet|nooit|geen|pas|alleen|meer|minder)",
    r"^(zodra|wanneer|zolang|pas als) (je|jij|men|mensen)",
    # the subject after the verb is people in general ("Aan de telefoon vertellen mensen
    # dingen die ze aan tafel niet zeggen."); "if people …, they …"
    r"^(?!((en|maar|dus) )?(dat|die|wat|als|of|je|er)\b)(\w+ ){1,5}"
    r"(?!(hebben|zijn|worden|waren|kunnen|willen)\b)\w{2,}en "
    r"(mensen|jongeren|ouderen|vrijwilligers|bewoners|ouders|inwoners) "
    r"(\w+ ){0,8}(niet|nooit|liever|eerder|pas|makkelijker|sneller)",
    r"^als (mensen|jongeren|ouderen|ouders|bewoners|vrijwilligers|inwoners) [^,]{3,80}, \w+ "
    r"(ze|je|mensen) (\w+ ){0,6}(niet|nooit|wel|pas|makkelijker|sneller|liever|eerder)",
    # a contrast that says what does work: "niet over zichzelf, maar wel over een radio";
    # what only worked once something was done: "Pas toen we … gingen staan, kwamen ze."
    r"niet [^.;!?]{1,60}maar wel",
    r"wel[^.;!?]{0,40}, maar niet",
    r"(ging|gaat|gingen|gaan) (\w+ )?(stukken |veel |een stuk |heel wat )?beter",
    r"^pas (toen|nadat|sinds|als)",
    # a preference with its contrast: "aan een klein tafeltje, niet met een microfoon"
    r"(het liefst|liever) [^.;!?]{0,60}, niet",
    r"^((ja|nee|nou|en|misschien|vooral|wel|dit|dat)[ ,:]+)*dat (je|men|mensen|\w+werk) "
    r"(\w+ ){0,10}(moet|moeten|nodig|hoeft|hoeven|niet)",
)
#: Lemmas of learning and noticing.
_INSIGHT_LEMMAS = frozenset(
    {"leren", "merken", "ontdekken", "opvallen", "beseffen", "realiseren", "inzien",
     "inzicht"}
)  # fmt: skip
#: Words after which a sentence-initial verb stem is not an imperative ("Ga je mee?")
_SUBJECTS = frozenset({"je", "jij", "u", "we", "wij", "ik", "ze", "zij", "hij", "men"})
#: First words that look like verb stems but are not imperatives here.
_NOT_IMPERATIVE = frozenset(
    {"zie", "begin", "eind", "deel", "dank", "kijk", "stel", "wel", "goed", "samen",
     "vroeger", "mevrouw", "meneer", "iedereen", "positief", "negatief",
     # prepositions that look like verb stems ("Naast het taalcafé is er …")
     "naast", "volgens", "tijdens", "dankzij", "ondanks", "vanwege", "langs", "rond",
     "binnen", "buiten", "behalve", "heel", "veel", "best"}
)  # fmt: skip
#: Finite verbs that do not follow an imperative ("Nodig is het niet.").
_FINITE = frozenset({"is", "was", "zijn", "waren", "wordt", "werd", "heeft", "had", "blijkt",
                     "bleek", "lijkt"})  # fmt: skip
#: Particles of separable verbs (*uitnodigen*: "Nodig ze uit").
_PARTICLES = frozenset({"uit", "op", "mee", "aan", "af", "in", "bij", "erbij", "door", "terug",
                        "over", "toe", "na", "vast"})  # fmt: skip
#: Irregular imperatives: the stem of these verbs does not follow the spelling rules.
_IRREGULAR = {"ga": "gaan", "sta": "staan", "doe": "doen", "kom": "komen", "hou": "houden",
              "wees": "zijn", "heb": "hebben", "sla": "slaan", "zoek": "zoeken"}  # fmt: skip
#: Headings of the part of a report that lists lessons.
_LESSONS_HEADING = re.compile(
    r"(geleerde\s+)?les(sen)?|leerpunten|aanbevelingen|tips|adviezen|wat\s+(hebben\s+)?"
    r"(we|wij)\s+geleerd|lessons?(\s+learned)?|geleerd",
    re.IGNORECASE,
)


def is_lessons_heading(heading: str) -> bool:
    """Whether a section heading names a part with lessons ("Geleerde lessen",
    "Aanbevelingen", "Tips voor andere dorpen").

    >>> is_lessons_heading("Geleerde lessen"), is_lessons_heading("Knelpunten")
    (True, False)
    >>> is_lessons_heading("Wat hebben we geleerd?")
    True
    """
    words = heading.strip().strip("#=-: \n").split()
    return (bool(words) and any(_LESSONS_HEADING.fullmatch(w) for w in words[:3])) or bool(
        re.search(
            r"geleerde lessen|tips voor|aanbeveling|lessen|wat (hebben |heb )?(we|wij|ik|jullie) "
            r"(\w+ )?geleerd|lessons learned|wat (we|wij) (\w+ )?anders (zouden )?doen",
            heading,
            re.IGNORECASE,
        )
    )


@lru_cache(maxsize=1)
def _stems() -> dict[str, str]:
    """Verb stem (imperative, *verdeel*) -> infinitive (*verdelen*), for every verb
    lemma of the pipeline's lemma table."""
    from ..nlp.lemma_table import lemma_table, regular_stem

    table = lemma_table()
    verbs = set(table.verbs) | {v for v in table.values() if v.endswith("en") and v.isalpha()}
    out = {}
    for verb in sorted(verbs):
        stem = regular_stem(verb)
        out[stem] = verb
        if re.search(r"[^aeiou](ig|el|er|en)en$", verb):
            out.setdefault(verb[:-2], verb)  # nodigen -> nodig, regelen -> regel (unstressed)
        # verdelen -> verdeel (a stressed e in a longer word is written double too)
        if (
            len(stem) >= 3
            and stem[-2] == "e"
            and stem[-3] not in "aeiou"
            and stem[-1] not in "aeiou"
        ):
            out.setdefault(stem[:-1] + "e" + stem[-1], verb)
    out.update(_IRREGULAR)
    return out


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Every verb whose imperative :func:`_stems` knows."""
    return frozenset(_stems().values())


def is_imperative(words: list[str]) -> bool:
    """Whether a sentence (its words, in order) starts with an imperative: a verb stem
    (*Verdeel*, *Leg*, *Ga*) not followed by a subject pronoun, in a sentence that is
    not a question.

    >>> is_imperative(["Leg", "afspraken", "schriftelijk", "vast", "."])
    True
    >>> is_imperative(["Ga", "je", "mee", "?"]), is_imperative(["De", "taken", "."])
    (False, False)
    """
    words = [w for w in words if w.strip() and not re.fullmatch(r"[-–•*\d.)]+", w)]
    if len(words) < 3 or words[-1] == "?":
        return False  # a fragment ("week"), or a question
    first = words[0].lower()
    if first in ("en", "maar", "dus", "ook") and len(words) > 1:
        words, first = words[1:], words[1].lower()
    if first in _NOT_IMPERATIVE and not (
        len(words) > 1 and words[1].lower() in ("klein", "niet", "nooit", "pas", "gewoon")
    ):
        return first == "deel" and len(words) > 1 and words[1].lower() in ("kennis", "ervaringen")
    if len(words) > 1 and (
        words[1].lower() in _SUBJECTS or words[1][:1].isdigit() or words[1].lower() in _FINITE
    ):
        return False  # "Ga je mee", "Nodig is het niet": a subject or a finite verb next
    if first in _function_words() or (":" in words[1:4] and first in _nouns()):
        return False  # "In 2019 ...", "Er zijn ...", a label "Verloop van vrijwilligers: ..."
    verb = _stems().get(first)
    if verb is None:
        # a separable verb: "Nodig de mensen persoonlijk uit", "Vraag iemand erbij"
        particles = [w.lower() for w in words[2:] if w.lower() in _PARTICLES]
        verbs = _verbs()
        return any(p + first + "en" in verbs or p + first in _stems() for p in particles)
    from ..nlp import lemma_of

    lemma = lemma_of(first)  # not a past tense of another verb ("bleek" is of blijken)
    return lemma in (verb, first) or not (lemma.endswith("en") and lemma != verb)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _nouns() -> frozenset[str]:
    from ..nlp.lemma_table import lemma_table

    return lemma_table().nouns


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets: the Dutch pipeline's
    sentences, also split at blank lines, without white space at either end; pieces
    without a letter are left out.

    An opening bracket or quote that the pipeline leaves at the end of a sentence
    ("… geweest. [PERSOON-3] is …") starts the next one, so a quote never begins inside
    a pseudonym.

    >>> text = "Het liep goed. Toen vonden we een vrijwilliger.\\n\\nKop\\n"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Het liep goed.', 'Toen vonden we een vrijwilliger.', 'Kop']
    >>> text = "Dat was goed. [PERSOON-3] is naar een bijeenkomst geweest."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Dat was goed.', '[PERSOON-3] is naar een bijeenkomst geweest.']
    """
    from ..nlp import dutch_pipeline

    if not text.strip():
        return []
    doc = dutch_pipeline()(text)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in re.split(r"(\n[ \t]*\n)", text[sent.start_char : sent.end_char]):
            a = start + len(piece) - len(piece.lstrip())
            b = start + len(piece.rstrip())
            if b > a and re.search(r"[^\W\d_]", text[a:b]):
                out.append((a, b))
            start += len(piece)
    return _openers_forward(text, out)


#: Characters that open what follows: left at a sentence's end, they start the next.
_OPENERS = "[(„“‘«"


def _openers_forward(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move opening brackets and quotes at the end of a sentence (after white space) to
    the start of the sentence after it."""
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for i, (a, b) in enumerate(spans):
        if carry is not None:
            a, carry = min(a, carry), None
        k = b
        while k > a and text[k - 1] in _OPENERS:
            k -= 1
        if a < k < b and text[k - 1].isspace() and i + 1 < len(spans):
            carry, b = k, len(text[:k].rstrip())
        out.append((a, b))
    return out


def _lemmas(sentence: str) -> list[str]:
    from ..nlp import lemmas

    return lemmas(sentence)


def classify(
    sentence: str,
    *,
    report: bool = False,
    lessons_section: bool = False,
    words: list[str] | None = None,
    lemmas: list[str] | None = None,
    spoken: bool = False,
    question: str | None = None,
) -> tuple[str, str] | None:
    """The type of lesson a sentence is and what fired, or None when it is none.

    ``report``: the sentence is from a report (imperatives count as advice);
    ``lessons_section``: it is under a heading such as "Geleerde lessen" (every
    sentence counts: imperatives as advice, others as insight unless a rule says more);
    ``spoken``: it is a respondent's answer in an interview (imperatives addressed to
    others count as advice: "Neem de tijd."); ``question``: the type of lesson the
    interviewer's question asked for (:func:`question_frame`), when the sentence opens
    the answer to it (a sentence no rule types takes that type).
    ``words`` and ``lemmas`` may be given when known (else computed).

    >>> classify("Sindsdien werken we met vaste koppels.")
    ('changed_practice', 'sindsdien')
    >>> classify("Andere dorpen hebben het overgenomen.")
    ('shared', 'overgenomen')
    >>> classify("Wat ons is opgevallen: mensen komen graag samen eten.")
    ('insight', 'lemma:opvallen')
    >>> classify("Verdeel taken over meer vrijwilligers.", report=True)
    ('advice', 'imperative')
    >>> classify("Eén ochtend per week, niet meteen drie.", question="do_differently")
    ('do_differently', 'question')
    """
    flat = _strip_fillers(" ".join(sentence.split()))
    if not flat or flat.endswith(("?", ":")) or not is_dutch(flat):
        return None  # a question, or a lead-in to what follows ("Wat we merkten:")
    low = flat.lower()
    if "|" in flat:
        return None  # a table row
    if _NOT_A_LESSON.search(low):
        return None  # what participants learned, getting to know each other
    for family, rules in (("shared", _SHARED), ("do_differently", _DIFFERENTLY),
                          ("changed_practice", _CHANGED), ("advice", _ADVICE)):  # fmt: skip
        for rx, name in rules:
            if rx.search(low) and not _guarded(name, low):
                return family, _name(name)
    if words is None:
        words = re.findall(r"\w+|[^\w\s]", flat)
    if (report or lessons_section) and is_imperative(words):
        return "advice", "imperative"
    if spoken and _spoken_advice(words, low, question) and is_imperative(words):
        return "advice", "imperative"
    for rx, name in _INSIGHT_TEXT:
        if rx.search(low) and not _guarded(name, low):
            return "insight", _name(name)
    found = set(lemmas if lemmas is not None else _lemmas(flat)) & _INSIGHT_LEMMAS
    if found and not _NOBODY_NOTICED.search(low):
        return "insight", "lemma:" + sorted(found)[0]
    if _is_generic_truth(low):
        return "insight", "generic"
    if lessons_section and not _PARTICIPANT_SUBJECT.match(low):
        return "insight", "section"  # not what participants did: that is an outcome
    n_words = sum(1 for w in words if w.isalpha() and not _HESITATION.fullmatch(w))
    if question in LESSON_TYPES and n_words >= 2 and not _NO_LESSON_ANSWER.search(low):
        return question, "question"
    return None


#: Hesitations and discourse markers at the start of a spoken sentence ("En, eh... regel
#: de verzekering", "Want, eh, ja, jonge mantelzorgers …").
_FILLERS = re.compile(
    r"^(?:(?:en|ja|nee|nou|eh+m?|uh+m?|hm+|oké|ok|maar|want|dus)(?![\w-])[\s,.…]*)+",
    re.IGNORECASE,
)
_HESITATION = re.compile(r"(?<![\w-])(eh+m?|uh+m?|hm+|nou)(?![\w-])|\.\.\.|…", re.IGNORECASE)


def _strip_fillers(flat: str) -> str:
    """A sentence without the hesitations it opens with: "En, eh... regel de verzekering
    goed." -> "regel de verzekering goed."; a sentence without a hesitation stays as it is
    (its "Dus" or "Maar" can matter)."""
    head = _FILLERS.match(flat)
    if head is None or head.end() >= len(flat) or not _HESITATION.search(head.group(0)):
        return flat
    return flat[head.end() :]


#: Sentence starts that are no advice in a conversation: "Neem nou mevrouw Smit",
#: "Mail maar", "Vraag het me volgend jaar", "Let maar niet op de rommel".
_NOT_SPOKEN_ADVICE = re.compile(
    r"^((en|maar|dus)[, ]+)?\w+ (nou|maar|me|mij|ons|eens|even|gerust)\b|[@\d]"
)
#: Words that make an imperative in a conversation general advice to others.
_ADVICE_WORDS = re.compile(
    r"\b(niet|nooit|eerst|gewoon|altijd|zelf|op tijd|vooraf|je|jezelf|"
    r"de tijd|goed|klein|want|persoonlijk)\b"
)


def _spoken_advice(words: list[str], low: str, question: str | None) -> bool:
    """Whether an imperative in an interview answer can be advice to others: not a
    title or a name ("Mevrouw …", "Fleur …"), not an aside to the interviewer ("Mail
    maar", "Neem nou …"), and either an answer to a question that asks for lessons or a
    sentence with words of general advice (*niet*, *eerst*, *gewoon*, *je*)."""
    first = next((w for w in words if w.strip() and w.isalpha()), "")
    if not first or first.lower() in ("en", "maar", "dus"):
        rest = [w for w in words if w.isalpha()][1:2]
        first = rest[0] if rest else ""
    if not first or _NOT_SPOKEN_ADVICE.search(low):
        return False
    alpha = [w for w in words if w.isalpha()]
    after = alpha[alpha.index(first) + 1 : alpha.index(first) + 2] if first in alpha else []
    if after and after[0][:1].isupper():
        return False  # "Neem Fleur, die is 16 jaar.": a person, not advice
    return question is not None or bool(_ADVICE_WORDS.search(low))


#: An answer that says there is nothing to tell: "Ik zou hetzelfde doen.", "Niks eigenlijk."
_NO_LESSON_ANSWER = re.compile(
    r"\b(hetzelfde|niets|niks|geen idee|geen spijt|weet (ik )?(het )?(nog )?niet|precies zo)\b"
    r"|\b(moet|moeten) (\w+ ){0,3}nog\b"
    r"|^((verder|nou|ja|nee)[, ]+)?(nog )?(niet echt|nog niet)\b|\b(zijn|ben|is) (\w+ )?aan het\b"
    r"|^((nou|ja|eh|nee)[,. ]+)*(best|heel|erg|vrij) (veel|weinig)( eigenlijk)?\.?$"
)
#: What participants (not the initiators) learned, and "leren kennen" (getting to know).
_NOT_A_LESSON = re.compile(
    r"\b(leren|leerden|leert|leerde|geleerd) (\w+ )?kennen\b"
    r"|\b(bezoekers|deelnemers|kinderen|leerlingen|cursisten|scholieren|gasten|sommigen)"
    r" (\w+ ){0,3}(leren|leerden|leert|leerde|geleerd)\b"
    r"|^((en|maar|dus)[, ]+)?(de|onze|die) (jongeren|mensen|ouderen|kinderen|bewoners|vrouwen|"
    r"mannen|nieuwkomers|deelnemers) (\w+ ){0,5}(leren|leerden|leert|leerde|geleerd)\b"
)
#: A sentence about what participants did ("Deelnemers hebben zelf een appgroep
#: opgericht", "Een deelnemer van 88 …"): an outcome, even under a lessons heading.
_PARTICIPANT_SUBJECT = re.compile(
    r"^((en|ook|maar)[, ]+)?((de|een|veel|sommige|twee|drie|enkele|onze) )?(\w+ )?"
    r"(deelnemers?|bezoekers?|cursisten?|leerlingen?|gasten?|scholieren?)\b"
)
#: "voordat iemand het merkte": someone else's noticing, not a lesson.
_NOBODY_NOTICED = re.compile(
    r"\b(iemand|niemand|buren|buurman|buurvrouw) (\w+ ){0,2}(merkte|merkten|merkt)\b"
)

#: A generic subject: the second person, "men", people in general, a kind of person or
#: organisation in general (a bare plural or "een …").
_GENERIC_SUBJECT = re.compile(
    r"^((en|maar|dus|ja|want)[, ]+)?(je|men|jij|"
    r"((?!(de|die|deze|sommige|onze|hun|andere|alle|veel|beide|mijn|jouw|uw|zijn|haar|"
    r"welke|elke|iedere|twee|drie|vier|vijf|zes)\b)\w+e )?(mensen|jongeren|ouderen|inwoners|"
    r"bewoners|vrijwilligers|ouders|kinderen|"
    r"gemeenten|initiatiefnemers|dorpen|buren)|"
    r"(een|zo'n) (\w+ )?(gemeente|bestuur|overdracht|brief|folder|vrijwilliger|initiatief|"
    r"project|dorpshuis|buurthuis|plek|ruimte|groep|werkgroep)) "
)
#: A predicate that makes a generic sentence a claim about what works: a modal, a
#: negation, a comparison, an evaluation.
_GENERIC_PREDICATE = re.compile(
    r"\b(moet|moeten|hoeft|hoeven|wil|willen|wilt|durven|durft|niet|nooit|geen|beter|"
    r"makkelijker|moeilijker|liever|sneller|meer dan|minder dan|genoeg|belangrijk|vanzelf|"
    r"eerst|pas|behoefte|het minst|het meest|helemaal niet)\b"
)
#: Verbs of the past: a generic subject in the past tense tells what happened.
_PAST = re.compile(
    r"\b(was|waren|had|hadden|kwam|kwamen|werd|werden|ging|gingen|wilde|wilden|"
    r"deed|deden|zat|zaten)\b"
)


#: The participants of a project: what they do is an outcome, not the initiators' lesson.
_PARTICIPANTS = frozenset(
    {"deelnemers", "bezoekers", "leerlingen", "cursisten", "gasten", "lopers", "scholieren",
     "cliënten", "klanten", "leden"}
)  # fmt: skip


def _bare_plural(low: str) -> re.Match[str] | None:
    """The sentence's first word when it is a plural noun without article
    ("Mantelzorgers komen niet voor de lezing"): people or things in general."""
    head = re.match(r"((en|maar|dus|want)[, ]+)?([^\W\d_]+e )?([^\W\d_]{4,}(s|en)) ", low)
    if head is None or head.group(4) in _function_words() or head.group(4) in _PARTICIPANTS:
        return None  # what participants do or feel is an outcome, not a lesson
    if head.group(3) and head.group(3).strip() in _function_words():
        return None  # "deze mensen", "onze vrijwilligers": someone in particular
    from ..nlp import lemma_of

    lemma = lemma_of(head.group(4))
    return head if lemma != head.group(4) and lemma in _nouns() else None


def _is_generic_truth(low: str) -> bool:
    """Whether a sentence states a general truth about what works: a generic subject
    ("je", "mensen", "jongeren", "een gemeente") with a modal, negated, comparative or
    evaluative predicate, in the present tense ("Jongeren reageren niet op een brief.")."""
    head = _GENERIC_SUBJECT.match(low) or _bare_plural(low)
    if head is None or _PAST.search(low) or re.match(r"(\w+[, ]+)?je (hebt|had|dient) ", low):
        return False
    return bool(_GENERIC_PREDICATE.search(low[head.end() :]))


#: A count after "nu" ("We zitten nu op zevenentwintig vaste deelnemers"): a state, no change.
_COUNT_AFTER_NU = re.compile(
    r"\bnu (op |al |ruim |zo'n |ongeveer |met |een stuk of )?(\d+|\w*(tig|tien|honderd)|twee"
    r"|drie|vier|vijf|zes|zeven|acht|negen|elf|twaalf)\b"
)


def _guarded(pattern: str, low: str) -> bool:
    """Whether a rule that matched is overruled: *inmiddels* about someone else ("die
    is inmiddels 80 jaar"), or "nu" before a count."""
    if pattern.startswith(("sinds ", "^sinds ")) and not pattern.startswith(
        "sinds (vorig|afgelopen|het"
    ):
        # what we do since then, or an answer "Ja, sinds september …"; not a role ("ik ben
        # sinds januari vrijwilliger") nor how long something lasts ("al sinds het voorjaar")
        if re.search(
            r"\bal sinds\b|\b(?!(19|20)\d\d\b)\d+\b", low
        ):  # how long, or a count since then
            return True
        role = r"\b((ben|is|zijn|was) (\w+ )?sinds|sinds (\w+ ){1,2}(ben|is|zijn|was))\b"
        if re.search(role, low) and not re.search(r"\b(we|wij)\b", low):
            return True
        if re.match(r"((ja|nee|en|dus)[, ]+)?sinds\b", low):
            return False
        return not re.search(r"\b(we|wij|ons|onze)\b", low)
    if pattern.startswith("^((en|maar|dus|ja)[, ]+)?(ik|we|wij) zou"):
        # "Ik zou hetzelfde doen": no hindsight
        return bool(re.search(r"\b(hetzelfde|niets anders|niks anders|precies zo)\b", low))
    if pattern.startswith(
        (
            "(komen|kwamen|kwam|komt|gekomen)",
            "(zijn|waren|is|was) (er )?",
            "(zijn|waren|ben) (we",
            "(we|wij|ik) (zijn|waren|ben)",
        )
    ):
        # a visit of an official or the press is no knowledge passed on to peers
        return bool(
            re.search(
                r"\b(wethouder|burgemeester|gedeputeerde|ambtenaar|ambtenaren|"
                r"raadsleden|raadslid|pers|krant|omroep|televisie|gemeente|huisarts|dokter|"
                r"notaris|bank|accountant|verzekeraar)\b",
                low,
            )
        )
    if pattern.startswith("begin "):
        # "vanaf het begin bij betrekken": the noun, not the imperative
        return bool(re.search(r"\b(het|vanaf|in) begin\b", low))
    if pattern in ("(ingevoerd|afgeschaft|omgedraaid)",) or pattern.startswith(
        "(hebben|heb|heeft|zijn) (we|wij|ik|ze) (\\w+ ){0,6}(ingevoerd"
    ):
        # a plan ("Dat wordt in 2023 ingevoerd.") or a wish is not a change made
        return bool(re.search(r"\b(wordt|worden|zal|zullen|gaat|gaan|willen|wil)\b", low))
    if pattern.startswith(("^(\\w+ ){1,5}", "^als (mensen", "^(?!((en|maar|dus) )?")):
        return bool(_PAST.search(low))  # a general truth is in the present
    if pattern.startswith("nog (maar )?"):
        return bool(_PAST.search(low))  # "kwam nog één keer per week": how it was
    if pattern.startswith("(kost|kostte)"):
        return bool(re.search(r"\bdan (gepland|verwacht|begroot|gedacht)\b", low))  # a plan missed
    if pattern.startswith("(bleek|blijkt|gebleken)"):
        return bool(
            re.search(r"\buit (\w+ ){0,6}(blijkt|bleek|gebleken)\b", low)
        )  # a survey's result
    if pattern.startswith("(is|zijn|waren|doet|doen|levert"):
        return bool(re.search(r"\ber (is|zijn|was|waren) (\w+ )?(meer|minder)\b", low))  # a count
    if pattern == "inmiddels" and re.search(r"\binmiddels (is|zijn|hebben|heeft) er\b", low):
        return False  # "Inmiddels is er een proefles": a new arrangement
    if pattern == "inmiddels":
        # we, or the project's own group acting ("De werkgroep werkt inmiddels met …")
        return not re.search(
            r"\b(we|wij|ik|ons|onze)\b|^((en|maar|dus)[, ]+)?(de|het|ons|onze) "
            r"(\w*groep|\w*team|bestuur|stichting|vereniging|coöperatie|"
            r"organisatie|club|redactie|vrijwilligers|coaches)\b "
            r"(\w+ )?inmiddels",
            low,
        )
    if pattern.startswith("^((dus|en|maar|ja)[, ]+){0,2}nu (heeft") and re.match(
        r"((dus|en|maar|ja)[, ]+){0,2}nu is het\b", low
    ):
        return True  # "Nu is het ontploft": how things are, not what we changed
    if "nu" in pattern.split() or pattern.startswith("nu "):
        return bool(_COUNT_AFTER_NU.search(low))
    return False


def _name(pattern: str) -> str:
    """A readable name of a rule (its pattern without the regex syntax)."""
    plain = re.sub(r"\(\\w\+ \)\{\d,\d\}", "… ", pattern)
    plain = re.sub(r"[()?\\]", "", plain)
    return " ".join(plain.replace("|", "/").split())
