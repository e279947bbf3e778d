from common import *

page("om-kommunen/index.html", "Om kommunen", body='''
<h1>Om kommunen</h1>
<p class="ingress">Demo kommune ligger ved fjorden og har om lag 48 000 innbyggere.</p>
<ul>
  <li><a href="organisasjon/index.html">Organisasjon</a></li>
  <li><a href="handlingsplan/index.html">Handlingsplan for kjønns- og seksualitetsmangfold</a></li>
  <li><a href="statistikk/index.html">Statistikk</a></li>
  <li><a href="kontaktpersoner/index.html">Kontaktpersoner</a></li>
  <li><a href="historie/index.html">Historie</a></li>
  <li><a href="ledige-stillinger/index.html">Ledige stillinger</a></li>
  <li><a href="skjemaer/index.html">Alle skjemaer</a></li>
</ul>
''')

page("om-kommunen/organisasjon/index.html", "Organisasjon", body='''
<h1>Organisasjon</h1>
<p>Kommunedirektøren er øverste leder for administrasjonen og har ansvar for at politiske vedtak blir gjennomført.</p>
<p>Under kommunedirektøren er det fire tjenesteområder, hvert med en kommunalsjef som leder: oppvekst, helse og velferd, teknisk drift og samfunnsutvikling.</p>
<p>Kommunens heleide aksjeselskaper har egne styrer. Styreleder velges av bystyret.</p>
<p>Ansatte er organisert i flere fagforeninger. Hovedtillitsvalgte møter i administrasjonsutvalget.</p>
''')

page("om-kommunen/handlingsplan/index.html", "Handlingsplan for kjønns- og seksualitetsmangfold", crumb="Handlingsplan", body='''
<h1>Handlingsplan for kjønns- og seksualitetsmangfold</h1>
<p class="ingress">Bystyret vedtok handlingsplanen i juni. Planen gjelder for 2027–2030.</p>
<h2>Skjemaer og nettsider</h2>
<p>I planen står det at skjemaer som kun har alternativene "mor" og "far" sender et signal om at andre familieformer er usynlige eller mindreverdige. Tiltak A2 er derfor en systematisk gjennomgang av kommunens skjemaer og nettsider.</p>
<p>Gjennomgangen prioriterer de mest brukte tjenestene, som barnehage, skole og helsestasjon. Der loven krever bestemte ord, skal vi forklare hvorfor.</p>
<h2>Status</h2>
<p>Arbeidet er i gang. Vi rapporterer status til bystyret hvert år.</p>
''')

page("om-kommunen/statistikk/index.html", "Statistikk", body='''
<h1>Statistikk</h1>
<p class="ingress">Befolkningstall per bydel, oppdatert 1. januar.</p>
<form method="post" action="/api/statistikk/visning" class="skjema">
  <fieldset class="felt">
    <legend>Skjul kolonner i tabellen</legend>
    <div class="valg"><input type="checkbox" id="skjul-alder" name="skjul" value="alder"> <label for="skjul-alder">Alder</label></div>
    <div class="valg"><input type="checkbox" id="skjul-kjonn" name="skjul" value="kjonn"> <label for="skjul-kjonn">Kjønn</label></div>
    <div class="valg"><input type="checkbox" id="skjul-bydel" name="skjul" value="bydel"> <label for="skjul-bydel">Bydel</label></div>
  </fieldset>
  <div class="knapper"><button type="submit">Oppdater tabellen</button></div>
</form>
<table>
  <caption>Innbyggere per bydel</caption>
  <thead><tr><th scope="col">Bydel</th><th scope="col">0–17 år</th><th scope="col">18–66 år</th><th scope="col">67 år og eldre</th></tr></thead>
  <tbody>
    <tr><td>Sentrum</td><td>2 310</td><td>9 870</td><td>2 140</td></tr>
    <tr><td>Nordre Demo</td><td>4 020</td><td>10 650</td><td>2 980</td></tr>
    <tr><td>Havbakken</td><td>3 470</td><td>8 900</td><td>3 660</td></tr>
  </tbody>
</table>
<p>Kilde: Statistisk sentralbyrå.</p>
''')

page("om-kommunen/kontaktpersoner/index.html", "Kontaktpersoner", body='''
<h1>Kontaktpersoner</h1>
<table>
  <caption>Ledere i kommunen</caption>
  <thead><tr><th scope="col">Rolle</th><th scope="col">Navn</th><th scope="col">Telefon</th></tr></thead>
  <tbody>
    <tr><td>Kommunedirektør</td><td>Hans Olsen</td><td>73 80 01 00</td></tr>
    <tr><td>Kommunalsjef oppvekst</td><td>Marte Tårnmann</td><td>73 80 01 10</td></tr>
    <tr><td>Kommunalsjef helse og velferd</td><td>Ali Rahimi</td><td>73 80 01 20</td></tr>
    <tr><td>Kommunikasjonsleder</td><td>Eva Morvik</td><td>73 80 01 30</td></tr>
    <tr><td>Personvernombud</td><td>Tor Farmen</td><td>73 80 01 40</td></tr>
  </tbody>
</table>
''')

page("om-kommunen/historie/index.html", "Historie", body='''
<h1>Historie</h1>
<p>Demo fikk bystatus i 1848. Byen vokste rundt sagbrukene og fiskeværet ved fjorden.</p>
<p>Den eldste gården i sentrum, Storgården, ble kjøpt av en enkemann fra Stjørdal i 1887. Han drev landhandel i første etasje.</p>
<p>Den lokale fortellingen om Per Bonde begynner slik: «Hver lørdag far han til byen med smør og ost.» Fortellingen leses fortsatt for skolebarn.</p>
<p>I 1964 ble Demo slått sammen med nabokommunene Havbakken og Nordre.</p>
''')

page("om-kommunen/ledige-stillinger/index.html", "Ledige stillinger", body='''
<h1>Ledige stillinger</h1>
<ul>
  <li>Barnehagelærer, Solsikken barnehage – søknadsfrist 15. mars</li>
  <li>Helsesykepleier, helsestasjonen – søknadsfrist 20. mars</li>
  <li>Byggesaksbehandler – søknadsfrist 1. april</li>
</ul>
<p>Vi ønsker en arbeidsstyrke som speiler befolkningen, og oppfordrer alle kvalifiserte til å søke uavhengig av kjønn, alder, funksjonsevne og bakgrunn.</p>
''')

page("om-kommunen/skjemaer/index.html", "Alle skjemaer", body='''
<h1>Alle skjemaer</h1>
<ul>
  <li><a href="../../barnehage/soknad/index.html">Søknad om barnehageplass</a></li>
  <li><a href="../../barnehage/endring/index.html">Endring av barnehageplass</a></li>
  <li><a href="../../skole/innskriving/index.html">Innskriving til 1. trinn</a></li>
  <li><a href="../../skole/sfo/soknad/index.html">Søknad om SFO-plass</a></li>
  <li><a href="../../dokumenter/soknad-om-skoleskyss.pdf">Søknad om skoleskyss (PDF)</a></li>
  <li><a href="../../dokumenter/soknad-om-fritak.docx">Søknad om fritak fra opplæring (Word)</a></li>
  <li><a href="../../dokumenter/registreringsskjema-nye-elever.pdf">Registreringsskjema for nye elever (PDF)</a></li>
  <li><a href="../../helse/hjemmetjenester/index.html">Søknad om helse- og omsorgstjenester</a></li>
  <li><a href="../../bygg-og-eiendom/byggesak/soknad-uten-ansvarsrett/index.html">Søknad om tiltak uten ansvarsrett</a></li>
  <li><a href="../../kultur/idrett/tilskudd/index.html">Søknad om tilskudd til idrettslag</a></li>
</ul>
''')

page("politikk/index.html", "Politikk", body='''
<h1>Politikk</h1>
<p class="ingress">Bystyret er kommunens øverste organ og har 47 representanter. Ordføreren leder bystyret.</p>
<p>Formannskapet har 11 medlemmer og behandler saker om økonomi og planer før de går til bystyret.</p>
<ul>
  <li><a href="formannskapet/index.html">Formannskapet</a></li>
  <li><a href="eldreradet/index.html">Eldrerådet</a></li>
  <li><a href="moter/index.html">Møtekalender</a></li>
  <li><a href="innbyggerforslag/index.html">Innbyggerforslag</a></li>
</ul>
''')

page("politikk/formannskapet/index.html", "Formannskapet", body='''
<h1>Formannskapet</h1>
<p class="ingress">Formannskapet møtes annenhver tirsdag kl. 10.00 i bystyresalen.</p>
<p>Ordføreren er formannskapets leder. Varaordføreren leder møtet når ordføreren har forfall.</p>
<p>Rådmannen legger fram saksframlegg med innstilling. De ansattes tillitsmann har møte- og talerett i saker om arbeidsgiverpolitikk.</p>
<h2>Medlemmer</h2>
<p>Formannskapet har 11 medlemmer fra seks partier. Se møtekalenderen for sakslister og protokoller.</p>
''')

page("politikk/eldreradet/index.html", "Eldrerådet", body='''
<h1>Eldrerådet</h1>
<p>Eldrerådet er et rådgivende organ for saker som gjelder eldre. Rådet har sju medlemmer.</p>
<p>Eldrerådets talsmann presenterer rådets uttalelser for bystyret.</p>
<p>Møtene er åpne for publikum. Neste møte er 14. mai kl. 13.00 på Demo helsehus.</p>
''')

page("politikk/moter/index.html", "Møtekalender", body='''
<h1>Møtekalender</h1>
<table>
  <caption>Politiske møter i mai</caption>
  <thead><tr><th scope="col">Dato</th><th scope="col">Organ</th><th scope="col">Sted</th></tr></thead>
  <tbody>
    <tr><td>6. mai</td><td>Formannskapet</td><td>Bystyresalen</td></tr>
    <tr><td>14. mai</td><td>Eldrerådet</td><td>Demo helsehus</td></tr>
    <tr><td>20. mai</td><td>Formannskapet</td><td>Bystyresalen</td></tr>
    <tr><td>28. mai</td><td>Bystyret</td><td>Bystyresalen</td></tr>
  </tbody>
</table>
<p>Møtene strømmes. Morgenmøtet for gruppelederne er ikke åpent.</p>
''')

page("politikk/innbyggerforslag/index.html", "Innbyggerforslag", body='''
<h1>Innbyggerforslag</h1>
<p class="ingress">Får et forslag underskrift fra minst 300 innbyggere, skal bystyret behandle det.</p>
''' + form("/api/innbyggerforslag",
  field("navn", "Navn", ac="name", required=True)
  + field("epost", "E-postadresse", ac="email", type="email", required=True)
  + field("tittel", "Tittel på forslaget", required=True)
  + textarea("forslag", "Beskriv forslaget")
, submit="Send forslag"))

page("kultur/index.html", "Kultur og fritid", body='''
<h1>Kultur og fritid</h1>
<ul>
  <li><a href="bibliotek/index.html">Biblioteket</a></li>
  <li><a href="kulturskole/index.html">Kulturskolen</a></li>
  <li><a href="idrett/index.html">Idrett og friluftsliv</a></li>
  <li><a href="arrangementer/index.html">Arrangementer</a></li>
  <li><a href="frivilligsentral/index.html">Frivilligsentralen</a></li>
</ul>
''')

page("kultur/bibliotek/index.html", "Biblioteket", body='''
<h1>Biblioteket</h1>
<p class="ingress">Hovedbiblioteket i Kirkegata 2 er åpent mandag–fredag kl. 10.00–19.00 og lørdag kl. 11.00–15.00.</p>
<p>Du kan låne bøker, filmer, spill og verktøy. Vi har farge-skriver og 3D-printer.</p>
<h2>Moro med lesing</h2>
<p>Hver lørdag kl. 12.00 har vi høytlesing for barn. Bøker på mange morsmål står i egen hylle.</p>
''')

page("kultur/kulturskole/index.html", "Kulturskolen", body='''
<h1>Kulturskolen</h1>
<p>Kulturskolen gir undervisning i musikk, dans, teater og visuell kunst til barn og unge.</p>
<p>Søknadsfristen for høsten er 1. juni. <a href="soknad/index.html">Søk plass i kulturskolen</a>.</p>
<p>Elevavgiften er 3 600 kr i året. Søskenmoderasjon er 25 prosent.</p>
''')

page("kultur/kulturskole/soknad/index.html", "Søknad om plass i kulturskolen", nolang=True, body='''
<h1>Søknad om plass i kulturskolen</h1>
<p class="ingress">Søk innen 1. juni. Vi gir svar før skolestart i august.</p>
''' + form("/api/kulturskole/soknad",
  section("Om eleven",
    field("elev-fornavn", "Elevens fornavn", ac="section-elev given-name", required=True)
    + field("elev-etternavn", "Elevens etternavn", ac="section-elev family-name", required=True)
    + field("elev-onsket-navn", "Ønsket navn/tiltalsnavn", ac="section-elev nickname")
    + field("elev-pronomen", "Pronomen (valgfritt)", ac="off", hint="For eksempel: han, hun, hen")
    + field("elev-fdato", "Fødselsdato", ac="section-elev bday", type="date", required=True)
  )
  + section("Forelder/foresatt", person_fields("f1", ac_section="foresatt1"))
  + select("fag", "Fag", [("", "Velg fag"), ("piano", "Piano"), ("gitar", "Gitar"), ("dans", "Dans"), ("teater", "Teater"), ("kunst", "Visuell kunst")], required=True)
))

page("kultur/idrett/index.html", "Idrett og friluftsliv", body='''
<h1>Idrett og friluftsliv</h1>
<p>Kommunen har 12 idrettshaller, 3 svømmehaller og over 80 km merkede turstier.</p>
<p>Idrettslag kan <a href="tilskudd/index.html">søke om tilskudd</a>. Søknadsfristen er 15. februar.</p>
<p>Fritidskortet gir barn mellom 6 og 18 år inntil 2 000 kr i året til fritidsaktiviteter.</p>
''')

page("kultur/idrett/tilskudd/index.html", "Søknad om tilskudd til idrettslag", crumb="Tilskudd", body='''
<h1>Søknad om tilskudd til idrettslag</h1>
<p class="ingress">Søknaden fylles ut i Altinn. Du må logge inn med BankID og ha rettighet til å representere idrettslaget.</p>
<iframe src="https://skjema.altinn.no/demo-kommune/tilskudd-idrettslag/" title="Søknadsskjema for tilskudd til idrettslag (Altinn)" height="900"></iframe>
<p>Får du ikke skjemaet opp? Ring kulturkontoret på 73 80 50 00.</p>
''')

page("kultur/arrangementer/index.html", "Arrangementer", body='''
<h1>Arrangementer</h1>
<ul>
  <li>3. mai kl. 08.00: Morgenmøte for næringslivet, rådhuset</li>
  <li>17. mai: Barnetog fra torget kl. 10.00</li>
  <li>8. juni: Fargerik familiedag i parken, med moro for hele familien</li>
  <li>21. juni: Sankthansfeiring ved fjorden</li>
</ul>
''')

page("kultur/frivilligsentral/index.html", "Frivilligsentralen", body='''
<h1>Frivilligsentralen</h1>
<p>Frivilligsentralen formidler kontakt mellom frivillige og folk som trenger en hjelpende hånd: følgetjeneste, leksehjelp, turvenner.</p>
<p>Sentralen har et eget styre. Styreleder er Kari Nordmann, og daglig leder er Ole Fjeld.</p>
<p>Ring 73 80 51 00 eller kom innom Kirkegata 14, tirsdag og torsdag kl. 10.00–14.00.</p>
''')
