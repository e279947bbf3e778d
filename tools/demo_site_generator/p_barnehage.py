from common import *

page("index.html", "Demo kommune", crumb="Forside", body='''
<h1>Velkommen til Demo kommune</h1>
<p class="ingress">Demo kommune har om lag 48 000 innbyggere. Her finner du informasjon om tjenester, skjemaer og politikk.</p>
<section aria-labelledby="snarveier-tittel">
  <h2 id="snarveier-tittel">Mest brukt</h2>
  <ul class="kort">
    <li><a href="barnehage/soknad/index.html">Søk barnehageplass</a></li>
    <li><a href="skole/sfo/soknad/index.html">Søk SFO-plass</a></li>
    <li><a href="helse/helsestasjon/index.html">Helsestasjon</a></li>
    <li><a href="bygg-og-eiendom/byggesak/index.html">Byggesak</a></li>
    <li><a href="bygg-og-eiendom/avfall/index.html">Tømmekalender for avfall</a></li>
    <li><a href="kontakt/index.html">Kontakt oss</a></li>
  </ul>
</section>
<section aria-labelledby="nyheter-tittel">
  <h2 id="nyheter-tittel">Nyheter</h2>
  <article>
    <h3>Hovedopptak i barnehage: søknadsfrist 1. mars</h3>
    <p>Søk innen 1. mars for å være med i hovedopptaket. Svar på søknaden sendes ut i april.</p>
  </article>
  <article>
    <h3>Innkjøring av ny bussrute til Nordre Demo skole</h3>
    <p>Fra 12. august går skolebussen en ny trasé. Se <a href="skole/skoleskyss/index.html">skoleskyss</a> for tidene.</p>
  </article>
  <article>
    <h3>Henting av farlig avfall i uke 17</h3>
    <p>Miljøbilen kommer til alle bydeler. Se <a href="bygg-og-eiendom/avfall/farlig-avfall/index.html">farlig avfall</a>.</p>
  </article>
</section>
''')

page("barnehage/index.html", "Barnehage", body='''
<h1>Barnehage</h1>
<p class="ingress">Alle barn som fyller ett år innen utgangen av november har rett til barnehageplass. Demo kommune har 31 kommunale og private barnehager.</p>
<h2>Søke plass</h2>
<p>Du søker elektronisk. <a href="soknad/index.html">Søk barnehageplass</a>. Har du allerede plass og vil endre den? Bruk <a href="endring/index.html">skjema for endring av barnehageplass</a>.</p>
<h2>Besteforeldredag</h2>
<p>Hver høst inviterer barnehagene til besteforeldredag. Mormor og morfar, farmor og farfar, og andre som står barnet nær, er hjertelig velkomne til lunsj og moro på uteområdet.</p>
<h2>Språk og morsmål</h2>
<p>Barn med et annet morsmål enn norsk kan få støtte i barnehagen. Les mer om <a href="morsmal/index.html">morsmålsassistenter</a>.</p>
<h2>Betaling</h2>
<p>Se <a href="priser/index.html">priser og redusert foreldrebetaling</a>.</p>
''')

page("barnehage/soknad/index.html", "Søknad om barnehageplass", body='''
<h1>Søknad om barnehageplass</h1>
<p class="ingress">Søknadsfrist for hovedopptaket er 1. mars. Du kan søke om plass hele året, men ledige plasser utenom hovedopptaket tildeles fortløpende.</p>
<p>Plassene tildeles etter barnehageloven og kommunens vedtekter for opptak. Der flere søkere stiller likt, avgjør opptaksmyndigheten etter beste skjønn.</p>
''' + form("/api/barnehage/soknad",
  section("Om barnet",
    field("barn-fornavn", "Barnets fornavn", ac="section-barn given-name", required=True)
    + field("barn-etternavn", "Barnets etternavn", ac="section-barn family-name", required=True)
    + fnr("barn-fnr", "Barnets fødselsnummer (11 siffer)")
    + radios("barn-kjonn", "Kjønn", [("gutt", "Gutt", True), ("jente", "Jente")])
    + select("barn-morsmal", "Morsmål", [("", "Velg språk"), ("no", "Norsk"), ("ar", "Arabisk"), ("pl", "Polsk"), ("so", "Somali"), ("ti", "Tigrinja"), ("annet", "Annet språk")])
  )
  + section("Mor",
    field("mor-navn", "Mors navn", ac="section-mor name", required=True)
    + field("mor-tlf", "Mors telefon", ac="section-mor tel", type="tel")
    + field("mor-epost", "Mors e-post", ac="section-mor email", type="email")
  )
  + section("Far",
    field("far-navn", "Fars navn", ac="section-far name")
    + field("far-tlf", "Fars telefon", ac="section-far tel", type="tel")
    + field("far-epost", "Fars e-post", ac="section-far email", type="email")
  )
  + radios("relasjon", "Relasjon til barnet", [("mor", "Mor"), ("far", "Far")], hint="Gjelder den som sender søknaden.", required=True)
  + section("Ønsket plass",
    field("oppstart", "Ønsket oppstartsdato", type="date", required=True)
    + select("onske1", "Førstevalg", [("", "Velg barnehage"), ("solsikken", "Solsikken barnehage"), ("fjellbu", "Fjellbu barnehage"), ("havgapet", "Havgapet barnehage"), ("torget", "Torget barnehage")])
    + select("onske2", "Andrevalg", [("", "Velg barnehage"), ("solsikken", "Solsikken barnehage"), ("fjellbu", "Fjellbu barnehage"), ("havgapet", "Havgapet barnehage"), ("torget", "Torget barnehage")])
    + radios("plasstype", "Plasstype", [("100", "Hel plass (5 dager)"), ("80", "4 dager"), ("60", "3 dager")])
  )
  + textarea("tilrettelegging", "Behov for særskilt tilrettelegging", hint="Beskriv kort om barnet har behov for tilrettelegging. Legg ved dokumentasjon om du har.")
  + checks("samtykke", "Samtykke", [("ja", "Jeg bekrefter at opplysningene er riktige")])
) + '''
<p>Spørsmål om opptak? Ring barnehagekontoret på 73 80 41 00 (hverdager 09.00–14.00).</p>
''')

page("barnehage/endring/index.html", "Endring av barnehageplass", body='''
<h1>Endring av barnehageplass</h1>
<p class="ingress">Bruk dette skjemaet hvis barnet skal bytte barnehage, endre plasstype eller hvis dere har nye opplysninger om barnet.</p>
<p>Endringer gjelder fra den første i måneden etter at vi har behandlet skjemaet. Barnehagen vurderer etter beste skjønn når det er praktisk å gjøre endringen.</p>
''' + form("/api/barnehage/endring",
  section("Om barnet",
    field("barn-fornavn", "Barnets fornavn", ac="section-barn given-name", required=True)
    + field("barn-etternavn", "Barnets etternavn", ac="section-barn family-name", required=True)
    + field("barn-onsket-navn", "Ønsket navn/tiltalsnavn", ac="section-barn nickname", hint="Hvis barnet bruker et annet navn til daglig enn det som står i Folkeregisteret.")
    + field("barn-pronomen", "Pronomen (valgfritt)", ac="off", hint="For eksempel: han, hun, hen")
    + fnr("barn-fnr", "Barnets fødselsnummer (11 siffer)")
    + radios("barn-kjonn", "Kjønn (valgfritt)", [("jente", "Jente"), ("gutt", "Gutt"), ("annet", "Annet"), ("vil-ikke", "Ønsker ikke å oppgi")],
             hint="Vi spør om kjønn fordi barnehagen rapporterer anonymisert statistikk til Utdanningsdirektoratet. Du kan la være å svare.")
  )
  + section("Forelder/foresatt 1",
    field("f1-navn", "Fullt navn", ac="section-foresatt1 name", required=True)
    + field("f1-tlf", "Mobilnummer", ac="section-foresatt1 tel", type="tel", required=True)
    + field("f1-epost", "E-postadresse", ac="section-foresatt1 email", type="email", required=True)
    + select("f1-relasjon", "Relasjon til barnet", [("forelder", "Forelder"), ("fosterforelder", "Fosterforelder"), ("verge", "Verge"), ("annen", "Annen omsorgsperson")])
  )
  + section("Forelder/foresatt 2",
    field("f2-navn", "Fullt navn", ac="section-foresatt2 name")
    + field("f2-tlf", "Mobilnummer", ac="section-foresatt2 tel", type="tel")
    + field("f2-epost", "E-postadresse", ac="section-foresatt2 email", type="email")
    + select("f2-relasjon", "Relasjon til barnet", [("forelder", "Forelder"), ("fosterforelder", "Fosterforelder"), ("verge", "Verge"), ("annen", "Annen omsorgsperson")])
  )
  + '    <p><button type="button" name="legg-til" value="foresatt">Legg til flere foresatte</button></p>\n'
  + radios("endring", "Hva vil dere endre?", [("bytte", "Bytte barnehage"), ("plasstype", "Endre plasstype"), ("opplysninger", "Oppdatere opplysninger om barnet")], required=True)
  + field("fra-dato", "Endringen gjelder fra", type="date")
  + textarea("kommentar", "Kommentar")
, submit="Send endring") )

page("barnehage/opptak/index.html", "Opptak og søknadsfrister", body='''
<h1>Opptak og søknadsfrister</h1>
<h2 id="frister">Frister</h2>
<ul>
  <li>Hovedopptak: søknadsfrist 1. mars, svar i april.</li>
  <li>Klagefrist: tre uker etter at du har fått svar.</li>
  <li>Supplerende opptak: løpende gjennom året.</li>
</ul>
<h2>Prioritering</h2>
<p>Barn med nedsatt funksjonsevne og barn det er fattet vedtak om etter barnevernsloven har rett til prioritet. Deretter prioriteres søsken av barn som allerede går i barnehagen.</p>
<p>Barn som har et annet morsmål enn norsk, får tilbud om språkstøtte i alle barnehagene.</p>
<h2>Klage</h2>
<p>Klagen sendes til barnehagekontoret. Foresatte kan få hjelp til å skrive klagen ved Servicetorget.</p>
''')

page("barnehage/priser/index.html", "Priser og redusert foreldrebetaling", body='''
<h1>Priser og redusert foreldrebetaling</h1>
<table>
  <caption>Foreldrebetaling fra 1. januar</caption>
  <thead><tr><th scope="col">Plasstype</th><th scope="col">Pris per måned</th></tr></thead>
  <tbody>
    <tr><td>Hel plass</td><td>1 200 kr</td></tr>
    <tr><td>4 dager</td><td>1 020 kr</td></tr>
    <tr><td>3 dager</td><td>780 kr</td></tr>
    <tr><td>Kost</td><td>420 kr</td></tr>
  </tbody>
</table>
<h2>Søskenmoderasjon</h2>
<p>Du får 30 prosent moderasjon for barn nummer to og 50 prosent for barn nummer tre eller flere.</p>
<h2>Redusert foreldrebetaling og gratis kjernetid</h2>
<p>Har husholdningen lav inntekt, kan du søke om redusert betaling. Vi bruker din og eventuell ektefelle/samboer/partners samlede skattepliktige inntekt. Søknaden gjelder for ett barnehageår om gangen.</p>
<p>Ta kontakt med barnehagekontoret på 73 80 41 00 for å få tilsendt skjema.</p>
''')

page("barnehage/barnehager/index.html", "Barnehagene i kommunen", body='''
<h1>Barnehagene i kommunen</h1>
<p>Under finner du en oversikt over de kommunale barnehagene. Private barnehager har egne nettsider.</p>
<table>
  <caption>Kommunale barnehager</caption>
  <thead><tr><th scope="col">Barnehage</th><th scope="col">Adresse</th><th scope="col">Styrer</th><th scope="col">Telefon</th></tr></thead>
  <tbody>
    <tr><td>Solsikken barnehage</td><td>Solveien 4, 7099 Demo</td><td>Ingrid Tårnmann</td><td>73 80 42 10</td></tr>
    <tr><td>Fjellbu barnehage</td><td>Fjellbuvegen 22, 7099 Demo</td><td>Hans Olsen</td><td>73 80 42 20</td></tr>
    <tr><td>Havgapet barnehage</td><td>Kaigata 9, 7098 Demo</td><td>Amina Yusuf</td><td>73 80 42 30</td></tr>
    <tr><td>Torget barnehage</td><td>Torget 2, 7098 Demo</td><td>Per-Erik Sandvik</td><td>73 80 42 40</td></tr>
  </tbody>
</table>
<p>Samarbeidsutvalget i hver barnehage har en styreleder som velges blant foreldrerådets representanter.</p>
''')

page("barnehage/morsmal/index.html", "Morsmålsassistenter i barnehagen", body='''
<h1>Morsmålsassistenter i barnehagen</h1>
<p class="ingress">Barn som har et annet morsmål enn norsk, kan få støtte av en tospråklig assistent.</p>
<p>Morsmålsassistenten hjelper barnet å bruke morsmålet sitt samtidig som det lærer norsk. I dag har vi assistenter som snakker arabisk, polsk, somali, tigrinja og ukrainsk.</p>
<p>Foresatte kan be om morsmålsstøtte gjennom barnehagen. Styrer vurderer behovet sammen med foresatte.</p>
<h2>Samarbeid med skolen</h2>
<p>Når barnet begynner på skolen, kan det få <a href="../../skole/morsmalsopplaering/index.html">morsmålsopplæring</a> der.</p>
''')

page("barnehage/oppsigelse/index.html", "Si opp barnehageplass", body='''
<h1>Si opp barnehageplass</h1>
<p>Oppsigelsestiden er én måned regnet fra den første i måneden etter at oppsigelsen er mottatt. Sier du opp plassen etter 1. april, må du betale ut barnehageåret.</p>
<p>Send oppsigelsen via e-post til <a href="mailto:barnehage@demo.kommune.invalid">barnehage@demo.kommune.invalid</a>, eller ring barnehagekontoret på 73 80 41 00.</p>
<p>Foresatte som flytter fra kommunen, må også si opp plassen.</p>
''')

page("barnehage/apen-barnehage/index.html", "Åpen barnehage", menu=False, body='''
<h1>Åpen barnehage</h1>
<p class="ingress">Åpen barnehage er et gratis tilbud for barn under skolealder sammen med en voksen.</p>
<p>Vi holder åpent tirsdag og torsdag kl. 09.30–14.00 i Familiens hus, Kirkegata 14. Det er ingen påmelding.</p>
<p>Barnet kan være med så lenge han eller hun har lyst, og den voksne har ansvaret for barnet hele tiden.</p>
<p>Vi serverer lunsj kl. 11.30. Ta med matpakke.</p>
''')
