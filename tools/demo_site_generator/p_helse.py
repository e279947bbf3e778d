from common import *

def preferred(prefix, section_name, who="personen"):
    return (field(f"{prefix}-onsket-navn", "Ønsket navn/tiltalsnavn", ac=f"section-{section_name} nickname",
                  hint=f"Hvis {who} bruker et annet navn til daglig enn det som står i Folkeregisteret.")
            + field(f"{prefix}-pronomen", "Pronomen (valgfritt)", ac="off", hint="For eksempel: han, hun, hen"))

page("helse/index.html", "Helse og omsorg", body='''
<h1>Helse og omsorg</h1>
<p class="ingress">Kommunen gir helsetjenester til alle som bor eller oppholder seg i kommunen.</p>
<ul>
  <li><a href="helsestasjon/index.html">Helsestasjon</a></li>
  <li><a href="ungdom/index.html">Helsestasjon for ungdom</a></li>
  <li><a href="legevakt/index.html">Legevakt</a> – ring 116 117</li>
  <li><a href="fastlege/index.html">Fastlege</a></li>
  <li><a href="hjemmetjenester/index.html">Hjemmetjenester</a></li>
  <li><a href="vaksinasjon/index.html">Vaksinasjon</a></li>
  <li><a href="parorende/index.html">For pårørende</a></li>
</ul>
''')

page("helse/helsestasjon/index.html", "Helsestasjon", body='''
<h1>Helsestasjon</h1>
<p class="ingress">Helsestasjonen følger opp barn fra fødsel til skolestart. Alle konsultasjoner er gratis.</p>
<h2>Hjemmebesøk</h2>
<p>Helsesykepleieren kommer på hjemmebesøk 7–10 dager etter fødselen. Den som har født, kan be om besøk av jordmor de første dagene.</p>
<h2>Når barnet er sykt</h2>
<p>Ta kontakt med fastlegen hvis barnet har feber og virker slapt. Et barn som har feber, skal være hjemme til han eller hun har vært feberfri i ett døgn.</p>
<p>Hvis barnet ditt er redd for vaksinen, kan du forklare hva som skal skje. Helsesykepleieren gir han/hun tid til å bli trygg.</p>
<h2>Kontakt</h2>
<p>Helsestasjonen i Kirkegata 14 er åpen mandag–fredag kl. 08.00–15.30. Telefon 73 80 45 00.</p>
<p><a href="timebestilling/index.html">Bestill time</a> · <a href="ny-i-kommunen/index.html">Ny i kommunen? Meld fra til helsestasjonen</a> · <a href="farskap/index.html">Fastsetting av foreldreskap</a></p>
''')

page("helse/helsestasjon/timebestilling/index.html", "Bestill time på helsestasjonen", body='''
<h1>Bestill time på helsestasjonen</h1>
<p class="ingress">Bruk skjemaet for å bestille eller flytte time. Vi ringer deg tilbake innen to virkedager.</p>
''' + form("/api/helsestasjon/time",
  section("Om barnet",
    field("barn-fornavn", "Barnets fornavn", ac="section-barn given-name", required=True)
    + field("barn-etternavn", "Barnets etternavn", ac="section-barn family-name", required=True)
    + preferred("barn", "barn", "barnet")
    + field("barn-fdato", "Barnets fødselsdato", ac="section-barn bday", type="date", required=True)
  )
  + section("Forelder/foresatt som bestiller",
    field("f-fornavn", "Fornavn", ac="given-name", required=True)
    + field("f-etternavn", "Etternavn", ac="family-name", required=True)
    + field("f-onsket-navn", "Ønsket navn/tiltalsnavn", ac="nickname")
    + field("f-tlf", "Mobilnummer", ac="tel", type="tel", required=True)
    + field("f-epost", "E-postadresse", ac="email", type="email")
  )
  + radios("type", "Hva gjelder timen?", [("kontroll", "Fast kontroll"), ("vaksine", "Vaksine"), ("samtale", "Samtale med helsesykepleier"), ("annet", "Annet")], required=True)
  + textarea("melding", "Melding til helsestasjonen", hint="Ikke skriv sensitive helseopplysninger her.")
, submit="Bestill time"))

page("helse/helsestasjon/ny-i-kommunen/index.html", "Ny i kommunen – meld fra til helsestasjonen", crumb="Ny i kommunen", body='''
<h1>Ny i kommunen – meld fra til helsestasjonen</h1>
<p class="ingress">Har du flyttet til Demo kommune med barn under skolealder? Meld fra, så får barnet tilbud om konsultasjoner her.</p>
''' + form("/api/helsestasjon/flytting",
  section("Om barnet",
    field("barn-fornavn", "Barnets fornavn", ac="section-barn given-name", required=True)
    + field("barn-etternavn", "Barnets etternavn", ac="section-barn family-name", required=True)
    + preferred("barn", "barn", "barnet")
    + field("barn-fdato", "Barnets fødselsdato", ac="section-barn bday", type="date", required=True)
    + select("barn-kjonn", "Kjønn", [("", "Velg"), ("gutt", "Gutt"), ("jente", "Jente")],
             hint="Vi spør om kjønn fordi vekstkurvene vi bruker på helsestasjonen er ulike for gutter og jenter.")
    + field("tidligere", "Tidligere bostedskommune", ac="off")
  )
  + section("Kontaktperson",
    select("hvem", "Hvem fyller ut skjemaet?", [("", "Velg"), ("mor", "Mor"), ("far", "Far")], required=True)
    + person_fields("k", address=True)
  )
, submit="Send melding"))

page("helse/helsestasjon/farskap/index.html", "Farskap og medmorskap", crumb="Fastsetting av foreldreskap", body='''
<h1>Farskap og medmorskap</h1>
<p class="ingress">Når barnet blir født, må det fastsettes hvem som er barnets foreldre.</p>
<h2>Erklære farskap eller medmorskap</h2>
<p>Farskap og medmorskap kan erklæres digitalt hos NAV før eller etter fødselen. Helsestasjonen og jordmor kan også ta imot erklæringen. Medmor er barnelovens betegnelse på den andre forelderen når to kvinner får barn sammen ved assistert befruktning.</p>
<p>Er foreldrene gift, regnes ektefellen automatisk som forelder.</p>
<h2>Stønader</h2>
<p>Foreldre som ikke har rett til foreldrepenger, kan søke om engangsstønad. Den som er alene med barnet, kan ha rett til stønad til enslig mor eller far. Tar den andre forelderen ut fellesperioden, må NAV ofte ha dokumentasjon på mors aktivitet.</p>
<p>Spørsmål om stønader rettes til NAV på 55 55 33 33.</p>
''')

page("helse/ungdom/index.html", "Helsestasjon for ungdom", body='''
<h1>Helsestasjon for ungdom</h1>
<p class="ingress">Helsestasjon for ungdom (HFU) er et gratis tilbud for deg mellom 13 og 25 år. Du trenger ikke timeavtale.</p>
<p>Vi har åpent mandag og onsdag kl. 15.00–18.30 i Kirkegata 14, inngang fra bakgården.</p>
<h2>Hva kan du få hjelp til?</h2>
<ul>
  <li>prevensjon og testing for seksuelt overførbare infeksjoner</li>
  <li>samtaler om kropp, følelser, seksualitet og kjønnsidentitet</li>
  <li>henvisning ved spørsmål om kjønnsinkongruens</li>
</ul>
<p>Kjønnsinkongruens er en diagnose. Legen kan henvise videre til spesialisthelsetjenesten. Vi bruker navnet og pronomenet du ønsker.</p>
''')

page("helse/hjemmetjenester/index.html", "Søknad om helse- og omsorgstjenester", crumb="Hjemmetjenester", body='''
<h1>Søknad om helse- og omsorgstjenester</h1>
<p class="ingress">Søk om hjemmesykepleie, praktisk bistand, trygghetsalarm eller korttidsopphold. Tildelingskontoret svarer innen tre uker.</p>
''' + form("/api/helse/tjenester",
  section("Om deg som søker",
    field("s-fornavn", "Fornavn", ac="given-name", required=True)
    + field("s-etternavn", "Etternavn", ac="family-name", required=True)
    + preferred("s", "soker", "du")
    + fnr("s-fnr")
    + radios("s-kjonn", "Kjønn", [("mann", "Mann"), ("kvinne", "Kvinne"), ("annet", "Annet")],
             hint="Vi spør om kjønn fordi du kan ønske hjelp til personlig stell fra en ansatt av samme kjønn.")
    + field("s-adresse", "Adresse", ac="street-address", required=True)
    + field("s-tlf", "Telefon", ac="tel", type="tel", required=True)
  )
  + checks("tjeneste", "Hva søker du om?", [("sykepleie", "Hjemmesykepleie"), ("bistand", "Praktisk bistand"), ("alarm", "Trygghetsalarm"), ("korttid", "Korttidsopphold")])
  + section("Nærmeste pårørende",
    field("p-navn", "Navn", ac="section-parorende name")
    + field("p-tlf", "Telefon", ac="section-parorende tel", type="tel")
    + select("p-relasjon", "Relasjon", [("", "Velg"), ("ektefelle", "Ektefelle/samboer/partner"), ("barn", "Barn"), ("sosken", "Søsken"), ("venn", "Venn"), ("annen", "Annen")])
  )
  + textarea("behov", "Beskriv behovet ditt")
))

page("helse/parorende/index.html", "For pårørende", body='''
<h1>For pårørende</h1>
<p class="ingress">Som pårørende har du rett til informasjon og til å bli hørt.</p>
<p>Mange pårørende er en ektemann eller kone som hjelper den andre i hverdagen. Andre er barn, søsken eller venner. Kommunen tilbyr avlastning, pårørendeskole og samtalegrupper.</p>
<h2>Pårørendeskole</h2>
<p>Pårørendeskolen har fem samlinger i høst, onsdager kl. 18.00–20.00 på Demo helsehus. Påmelding til pårørendekoordinator på 73 80 46 20.</p>
<h2>Avlastning</h2>
<p>Du kan søke om avlastning gjennom <a href="../hjemmetjenester/index.html">søknad om helse- og omsorgstjenester</a>.</p>
''')

page("helse/legevakt/index.html", "Legevakt", body='''
<h1>Legevakt</h1>
<p class="ingress">Ring legevakten på 116 117 før du møter opp. Ved livstruende sykdom eller skade, ring 113.</p>
<p>Legevakten i Sjøgata 3 er åpen hele døgnet. Legevakten har morgenmøte kl. 08.00, og det kan være noe ventetid rett etter.</p>
''')

page("helse/vaksinasjon/index.html", "Vaksinasjon", body='''
<h1>Vaksinasjon</h1>
<p>Barnevaksinasjonsprogrammet gis på helsestasjonen og i skolehelsetjenesten. Voksne kan få influensavaksine på Demo helsehus i oktober og november.</p>
<p>Reisevaksiner bestilles hos fastlegen.</p>
''')

page("helse/fastlege/index.html", "Fastlege", body='''
<h1>Fastlege</h1>
<p>Alle som bor i Norge har rett til fastlege. Du bytter fastlege på helsenorge.no eller ved å ringe Fastlegetelefonen på 800 43 573.</p>
<table>
  <caption>Legekontor i kommunen</caption>
  <thead><tr><th scope="col">Legekontor</th><th scope="col">Adresse</th><th scope="col">Telefon</th></tr></thead>
  <tbody>
    <tr><td>Torget legesenter</td><td>Torget 5</td><td>73 80 47 10</td></tr>
    <tr><td>Havbakken legekontor</td><td>Havbakken 12</td><td>73 80 47 20</td></tr>
  </tbody>
</table>
''')
