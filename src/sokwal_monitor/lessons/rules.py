"""The lesson rules: for each family of lessons (shared, changed practice, do
differently, advice, insight), the regular expressions over a sentence's lower-case text,
and the lemmas of learning and noticing. :func:`.patterns.classify` applies them."""

from __future__ import annotations

import re

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
    # round 5: told how it went, others received or use our things, we went to look, we
    # took something over from them, a presentation done, sent round, exchanged
    r"verteld hoe (het|ons|onze) (\w+ ){0,6}(was|ging|gegaan|verliep)",
    r"(hebben|heeft) (\w+ ){0,2}onze (\w+ ){0,5}(gekregen|overgenomen|gebruikt)",
    r"(dorpen|dorpshuizen|groepen|coöperaties|kernen|gemeenten|bibliotheken|initiatieven|"
    r"verenigingen|clubs) (\w+ ){0,3}(hebben|hebt|heeft) ons (\w+ ){0,2}(gebeld|benaderd|gemaild|"
    r"opgezocht)",
    r"(hebben|heeft) (\w+ ){0,2}(dorpen|dorpshuizen|groepen|coöperaties|kernen|gemeenten|"
    r"bibliotheken|initiatieven|verenigingen|clubs) ons (\w+ ){0,2}(gebeld|benaderd|gemaild|"
    r"opgezocht)",
    r"(dorpen|dorpshuizen|groepen|coöperaties|kernen|gemeenten|bibliotheken|initiatieven) "
    r"(gebruiken|werken met) (het|hem|die|dat|onze|ons) (\w+ )?nu",
    r"(presentatie|workshop|lezing|rondleiding) (\w+ ){0,6}gedaan",
    r"rondgestuurd|rondgemaild",
    r"(komen|kwamen|kwam|komt) (\w+ ){0,3}(vertellen|uitleggen|laten zien) hoe",
    r"doorgegeven aan",
    r"(beschreven|geschreven|opgeschreven|gemaakt) (\w+ ){0,5}voor andere (\w+ )?\w+",
    r"(wisselen|wisselden) (\S+ ){0,8}uit",
    r"bij (de|het|een) (\w+ ){0,5}(gaan|wezen) kijken",
    r"(gaan|wezen) kijken bij",
    r"van (hen|hun|die|ze|jullie) (hebben|heb) (we|wij|ik) (\w+ ){0,4}(idee|tip|tips|voorbeeld|"
    r"opzet|aanpak|map|draaiboek)",
    r"(we|wij|ik) (hebben|heb) (hun|hen) (\w+ ){0,5}(gekregen|overgenomen|geleend)",
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
    # round 5: before and now, instead of, a fixed part now, "now" with any subject or a
    # passive, the new approach, brought from X to Y
    r"voorheen",
    r"nu (\w+ ){0,4}in plaats van",
    r"^((dus|en|maar|ja)[, ]+)?in plaats van (\w+ ){1,4}(\w+t|\w+en) (de|het|we|wij|ze|ik|"
    r"elke|iedere)",
    r"vaste? (\w+ )?(onderdeel|gewoonte|afspraak|prik) (\w+ ){0,4}geworden",
    r"(is|zijn) (nu |inmiddels |sinds \w+ \w+ )?(een )?vaste? (onderdeel|gewoonte|afspraak)",
    r"(is|zijn) er (\w+ ){0,2}gekomen (omdat|doordat|nadat|sinds|na)",
    r"^((dus|en|maar|ja|ook)[, ]+)?(de|het|onze|ons) (\w+ ){1,3}(?!(is|zijn|was|waren|heeft|"
    r"hebben|had|hadden|kan|kunnen|moet|moeten|wil|willen|zit|zitten|staat|staan)\b)\w+(t|en) "
    r"nu (\w+ )?(elke|iedere|ieder|elk|standaard|altijd)",
    r"(wordt|worden) nu (\w+ ){0,4}(ge|aan|op|in|be|ver|uit)\w+(d|t|en)",
    r"volgens de nieuwe (aanpak|werkwijze|manier)",
    r"op de nieuwe manier",
    r"van (\w+ ){1,4}naar (\S+ ){1,4}(gebracht|teruggebracht|verlaagd|verhoogd|verschoven|"
    r"omgezet|ingekort)",
    r"^niemand (staat|hoeft|is|zit|doet|gaat|komt|werkt) (\w+ ){0,3}meer",
    r"(we|wij|ik) (hebben|heb) het nu (zo|anders)",
    r"(doe|doen) (ik|we|wij) nu (dus|ook|zo)",
    r"^((dus|en|maar|ja)[, ]+){0,2}nu (?!(is|zijn|was|waren|heb|hebben|weet|weten|moet|moeten|"
    r"kan|kunnen|wil|willen|zal|zullen|ga|gaan|zeg|zeggen)\b)\w+ (ik|we|wij)",
    r"^geen (\w+ ){0,3}meer\.?$",
    r"^((en|maar|ja)[, ]+)?(daarvóór|voorheen|vroeger),? (\w+ )?(maakte|maakten|deed|deden|ging|"
    r"gingen|had|hadden|werkte|werkten|kwam|kwamen|stond|stonden|was|waren)",
)
_DIFFERENTLY = _rx(
    r"(een )?volgende keer",
    r"anders (aan)?pakken",
    r"anders doen",
    r"anders gedaan",
    r"(had|hadden|hadt) (\w+ ){0,12}(moeten|kunnen)",
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
    # round 5: "at a next change", a mistake of ours, too fast / too little in hindsight, a
    # that-clause of what we should not do any more
    r"bij (een|de) volgende \w+ (gaan|worden|zullen|willen|moeten|gaat|wordt|zal|wil|moet)",
    r"(misser|fout|vergissing|inschattingsfout|blunder) van (ons|mij|onze kant|het bestuur)",
    r"(onze|mijn) (grootste )?(misser|fout|vergissing|inschattingsfout)",
    r"te (snel|laat|vroeg|weinig|veel) (\w+ ){0,6}(is|zijn|werd|werden) (\w+ )?"
    r"(ingevoerd|ingezet|begonnen|gestart|gestoken|besteed|gedaan|gegeven|geregeld|verhoogd)",
    r"(is|zijn|werd|werden) (\w+ ){0,4}te (snel|laat|vroeg|weinig|veel) (\w+ ){0,6}"
    r"(ingevoerd|ingezet|begonnen|gestart|gestoken|besteed|gedaan|gegeven|geregeld|verhoogd)",
    r"te (veel|weinig) (\w+ ){0,3}(heeft|hebben|heb) (\w+ ){0,2}willen",
    r"(was|waren) (\w+ ){0,3}te (weinig|veel|snel|laat|vroeg|groot|lang)[^.;!?]{0,40}achteraf",
    r"^((nou|ja|nee|en|dus)[, ]+)*dat (we|wij|ik) (\w+ ){0,8}(niet meer|nooit meer|anders|eerder)"
    r" (\w+ ){0,5}moeten",
    r"(als|mocht|mochten) (ik|we|wij|je) (het )?(\w+ )?over (zou|zouden|mocht|mochten|kon|konden)"
    r" (doen|beginnen)",
    r"zou(den)? (ik|we|wij) (\w+ ){0,2}geen (\w+ ){1,4}maar",
    # a counterfactual: "Als we de school eerder hadden gevraagd, waren er …" (a participle
    # with "hadden"; not "Als we geld hadden, …")
    r"^((ja|en|maar|dus|nou)[, ]+)?(als|wanneer|had|hadden) (we|wij|ik) [^,;.]{0,80}(hadden|had) "
    r"(\w+ )?(ge\w{2,}(d|t|en)|\w+ge\w+(d|t)|begonnen|betrokken|bedacht)",
    r"^((ja|en|maar|dus|nou)[, ]+)?(als|wanneer) (we|wij|ik) [^,;.]{0,80}(ge\w{2,}(d|t|en)|"
    r"begonnen|betrokken|bedacht) (hadden|had)",
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
    # round 5: the separable verb with the adviser after it ("…, raden wij aan om …")
    r"(raden|raad) (wij|we|ik) (\w+ ){0,3}aan",
    r"^((en|dus|maar)[, ]+)?zorg (voor|dat|ervoor dat)",
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
    # round 5: understood only then, what turned out, the odd thing, a discovery, what
    # struck home, a conclusion in minutes, what (also) does not work, the most important
    r"(snapte|snapten|begreep|begrepen|doorhad|doorhadden) (ik|we|wij|ze) (het )?pas",
    r"pas (snapte|begreep|zag|zagen|doorhad)",
    r"wat (bleek|blijkt)",
    r"(nu|inmiddels|intussen) (weten|weet) (we|wij|ik) (\w+ )?(dat|hoe|wat|waarom|beter)",
    r"het (gekke|rare|grappige|mooie|opvallende|verrassende) (is|was)",
    r"(zo'n|een|de) (\w+ )?ontdekking",
    r"wat (bij )?(mij|me|ons) (\w+ ){0,2}(binnenkwam|raakte|bijbleef|trof)",
    r"(stelt|stellen|stelde|stelden) vast dat",
    r"(concludeert|concluderen|concludeerde|concludeerden|constateert|constateren|"
    r"constateerde|constateerden) (\w+ ){0,3}dat",
    r"wat (ook |echt |vaak )?(niet|wel|goed|slecht) (werkt|werkte)",
    r"het (aller)?(belangrijkste|moeilijkste|lastigste|sterkste)\.?$",
    r"dat (heb|hebben) (ik|we|wij) (\w+ ){0,2}(gezien|gemerkt|ervaren|geleerd|ondervonden)",
    r"wat (ik|we|wij) (\w+ ){0,4}(heb|hebben) (gezien|gemerkt|geleerd)",
    r"(is|zijn) niet (\w+ ){1,6}(zelf)?,? maar (dat|om|de|het|een)",
    r"meer (opleverde|opleverden|opgeleverd) dan",
    r"(?<=, )niet via (de|het|een|hun|onze)",
    r"(moet|kun|kan|hoef|mag) je (\w+ ){0,4}(nergens|nooit|niks|niets)",
    r"dan ooit",
    r"^((ja|en|maar|dus)[, ]+)*(als|wanneer) (je|iemand|er|ze|we|wij) [^,]{3,80}, dan "
    r"(\w+ ){0,3}(ze|je|mensen|ie|-ie|de \w+)",
    r"^((ja|en|maar|dus)[, ]+)*(als|wanneer) er (geen|niets|niks) [^,]{3,60}, (\w+ ){1,2}"
    r"(\w+ ){0,5}(niet|nooit)",
    r"(is|was) (dat |het |dit )?(een )?(groot|enorm|wezenlijk|wereld of) verschil",
    r"maar alleen (als|wanneer|omdat)",
    r"^((ja|en|maar|dus|want)[, ]+)*(ze|die|zij) (willen|hoeven) (\w+ )?(gewoon|helemaal|geen|"
    r"liever|vooral)",
)
#: Lemmas of learning and noticing.
_INSIGHT_LEMMAS = frozenset(
    {"leren", "merken", "ontdekken", "opvallen", "beseffen", "realiseren", "inzien",
     "inzicht"}
)  # fmt: skip
