from common import *

page("bygg-og-eiendom/index.html", "Bygg og eiendom", body='''
<h1>Bygg og eiendom</h1>
<p class="ingress">Byggesak, kart, eiendomsskatt, vann og avløp og avfall.</p>
<ul>
  <li><a href="byggesak/index.html">Byggesak</a></li>
  <li><a href="avfall/index.html">Avfall og gjenvinning</a></li>
  <li><a href="eiendomsskatt/index.html">Eiendomsskatt</a></li>
  <li><a href="vann-og-avlop/index.html">Vann og avløp</a></li>
  <li><a href="havn/index.html">Småbåthavn</a></li>
</ul>
''')

page("bygg-og-eiendom/byggesak/index.html", "Byggesak", body='''
<h1>Byggesak</h1>
<p class="ingress">Skal du bygge, rive eller endre bruken av en bygning, må du ofte søke kommunen.</p>
<h2>Søknadspliktig eller ikke?</h2>
<p>Mindre tiltak som en garasje under 50 m² kan være unntatt søknadsplikt. Kommunen gjør en skjønnsmessig vurdering av om tiltaket er i strid med reguleringsplanen.</p>
<p>Du kan <a href="soknad-uten-ansvarsrett/index.html">søke om tiltak uten ansvarsrett</a> selv. Større tiltak må sendes av et foretak med ansvarsrett gjennom Fellestjenester BYGG.</p>
<h2>Gebyrer</h2>
<p>Gebyret for et tiltak uten ansvarsrett er 7 400 kr. Se gebyrregulativet for andre saker.</p>
<h2>Byggesakskontoret</h2>
<p>Telefontid mandag–torsdag kl. 10.00–14.00 på 73 80 48 00.</p>
''')

page("bygg-og-eiendom/byggesak/soknad-uten-ansvarsrett/index.html", "Søknad om tiltak uten ansvarsrett", body='''
<h1>Søknad om tiltak uten ansvarsrett</h1>
<p class="ingress">For mindre tiltak på bebygd eiendom, som tilbygg inntil 50 m², garasje og uthus.</p>
<form method="post" action="/api/byggesak/uten-ansvarsrett" class="skjema">
  <fieldset class="gruppe">
    <legend>Tiltakshaver</legend>
    <div class="felt">
      <label for="th-navn">Navn</label>
      <input type="text" id="th-navn" name="th-navn" required>
    </div>
    <div class="felt">
      <label for="th-epost">E-postadresse</label>
      <input type="email" id="th-epost" name="th-epost">
    </div>
    <div class="felt">
      <label for="th-tlf">Telefon</label>
      <input type="tel" id="th-tlf" name="th-tlf">
    </div>
  </fieldset>
  <fieldset class="gruppe">
    <legend>Eiendom</legend>
    <div class="felt">
      <label for="gnr">Gårdsnummer</label>
      <input type="text" id="gnr" name="gnr" inputmode="numeric">
    </div>
    <div class="felt">
      <label for="bnr">Bruksnummer</label>
      <input type="text" id="bnr" name="bnr" inputmode="numeric">
    </div>
  </fieldset>
  <p id="tiltak-sporsmal">Hva skal du bygge?</p>
  <div class="valg"><input type="radio" id="tiltak-tilbygg" name="tiltak" value="tilbygg"> <label for="tiltak-tilbygg">Tilbygg</label></div>
  <div class="valg"><input type="radio" id="tiltak-garasje" name="tiltak" value="garasje"> <label for="tiltak-garasje">Garasje</label></div>
  <div class="valg"><input type="radio" id="tiltak-uthus" name="tiltak" value="uthus"> <label for="tiltak-uthus">Uthus</label></div>
  <div class="felt">
    <label for="areal">Bruksareal (m²)</label>
    <input type="number" id="areal" name="areal" min="1" max="50">
  </div>
  <div class="felt">
    <label for="beskrivelse">Beskrivelse av tiltaket</label>
    <textarea id="beskrivelse" name="beskrivelse" rows="5"></textarea>
  </div>
  <div class="knapper"><button type="submit">Send søknad</button></div>
</form>
''')

page("bygg-og-eiendom/avfall/index.html", "Avfall og gjenvinning", body='''
<h1>Avfall og gjenvinning</h1>
<p class="ingress">Restavfall hentes hver andre uke. Papir og plast hentes hver fjerde uke.</p>
<p>Glass og metall leverer du i returpunkt. Farlig avfall, som maling, batterier og lysstoffrør, leverer du gratis på gjenvinningsstasjonen eller til miljøbilen.</p>
<p>Gjenvinningsstasjonen på Myra er åpen mandag–torsdag kl. 07.00–19.00 og lørdag kl. 09.00–15.00.</p>
<p><a href="farlig-avfall/index.html">Les mer om farlig avfall</a></p>
''')

page("bygg-og-eiendom/avfall/farlig-avfall/index.html", "Farlig avfall", body='''
<h1>Farlig avfall</h1>
<p>Farlig avfall kan skade mennesker, dyr og miljø. Lever det i originalemballasjen hvis mulig.</p>
<h2>Miljøbilen</h2>
<table>
  <caption>Miljøbilen i uke 17</caption>
  <thead><tr><th scope="col">Dag</th><th scope="col">Sted</th><th scope="col">Tid</th></tr></thead>
  <tbody>
    <tr><td>Mandag</td><td>Torget</td><td>16.00–18.00</td></tr>
    <tr><td>Tirsdag</td><td>Havbakken skole</td><td>16.00–18.00</td></tr>
    <tr><td>Onsdag</td><td>Nordre Demo</td><td>16.00–18.00</td></tr>
  </tbody>
</table>
<p>Miljøbilen far videre til neste stoppested presis, så kom i god tid.</p>
''')

page("bygg-og-eiendom/eiendomsskatt/index.html", "Eiendomsskatt", body='''
<h1>Eiendomsskatt</h1>
<p>Eiendomsskatten er 2 promille av takstgrunnlaget, med et bunnfradrag på 500 000 kr per boenhet. Skatten betales i to terminer, 20. mars og 20. september.</p>
<h2>Felles eie</h2>
<p>Er eiendommen eid av deg og din kone eller ektemann, sendes skatteseddelen til den som står først i grunnboken.</p>
<h2>Klage</h2>
<p>Klagefristen er seks uker fra skatteseddelen ble sendt. Send klagen til eiendomsskattekontoret, Postboks 100, 7098 Demo.</p>
''')

page("bygg-og-eiendom/havn/index.html", "Småbåthavn", body='''
<h1>Småbåthavn</h1>
<p>Kommunen leier ut 240 båtplasser i Demo småbåthavn. Plassene er for fartøy inntil 8 meter.</p>
<p>Ventelisten er om lag to år. Havnefogden kan nås på 73 80 49 10.</p>
<p>Det er ikke tillatt å fortøye fartøy ved gjestebryggen lenger enn tre døgn.</p>
''')

page("bygg-og-eiendom/vann-og-avlop/index.html", "Vann og avløp", charset="iso-8859-1", body='''
<h1>Vann og avløp</h1>
<p class="ingress">Kommunen leverer drikkevann til om lag 44 000 innbyggere. Vannet kommer fra Storvatnet og er av god kvalitet.</p>
<h2>Vannmåler</h2>
<p>Har du vannmåler, må du lese av måleren innen 31. desember. Du får et brev med kode for avlesning.</p>
<h2>Brudd på vannledning</h2>
<p>Ved brudd, ring vakttelefonen på 73 80 49 99. Vi varsler berørte husstander på SMS.</p>
<p>Gebyrene for vann og avløp fastsettes av bystyret hvert år. Årsgebyret for en bolig på 120 m² er om lag 9 800 kr.</p>
''')

page("kontakt/index.html", "Kontakt oss", body='''
<h1>Kontakt oss</h1>
<p class="ingress">Servicetorget svarer på spørsmål om alle kommunens tjenester. Telefon 73 80 00 00, hverdager kl. 08.00–15.30.</p>
<p>Besøksadresse: Rådhusplassen 1, 7099 Demo. Postadresse: Postboks 100, 7098 Demo.</p>
<h2>Send oss en melding</h2>
''' + form("/api/kontakt",
  field("navn", "Navn", ac="name", required=True)
  + field("epost", "E-postadresse", ac="email", type="email", required=True)
  + field("tlf", "Telefon", ac="tel", type="tel")
  + select("tema", "Hva gjelder henvendelsen?", [("", "Velg tema"), ("barnehage", "Barnehage"), ("skole", "Skole og SFO"), ("helse", "Helse og omsorg"), ("bygg", "Bygg og eiendom"), ("annet", "Annet")])
  + textarea("melding", "Melding", hint="Ikke send sensitive personopplysninger i dette skjemaet.")
, submit="Send melding"))

page("kontakt/servicetorget/index.html", "Servicetorget", body='''
<h1>Servicetorget</h1>
<p>Servicetorget i rådhuset er åpent mandag–fredag kl. 08.00–15.30, torsdag til kl. 18.00.</p>
<p>Her kan du få hjelp med søknader, hente ut skjemaer, betale gebyrer og låne PC. Vi har tolketjeneste på avtale.</p>
<p>Ring 73 80 00 00 eller send e-post til <a href="mailto:postmottak@demo.kommune.invalid">postmottak@demo.kommune.invalid</a>.</p>
''')

page("kontakt/varsling/index.html", "Varsle om kritikkverdige forhold", crumb="Varsling", body='''
<h1>Varsle om kritikkverdige forhold</h1>
<p class="ingress">Innbyggere, ansatte og leverandører kan varsle om kritikkverdige forhold i kommunen. Du kan varsle anonymt.</p>
<form method="post" action="/api/varsling" class="skjema">
  <div class="felt">
    <label for="v-navn">Navn (valgfritt)</label>
    <input type="text" id="v-navn" name="v-navn" autocomplete="name">
  </div>
  <div class="felt">
    <label for="v-epost">E-postadresse (valgfritt)</label>
    <input type="email" id="v-epost" name="v-epost" autocomplete="email">
  </div>
  <div class="felt">
    <input type="text" id="v-saksnr" name="v-saksnr" placeholder="Saksnummer, hvis du har">
  </div>
  <div class="felt">
    <label for="v-beskrivelse">Hva vil du varsle om?</label>
    <textarea id="v-beskrivelse" name="v-beskrivelse" rows="8" required></textarea>
  </div>
  <div class="knapper"><button type="submit">Send varsel</button></div>
</form>
<p>Varselet behandles av kontrollutvalgets sekretariat.</p>
''')

page("kontakt/personvern/index.html", "Personvern", body='''
<h1>Personvern</h1>
<p>Demo kommune behandler personopplysninger i samsvar med personvernforordningen. Kommunedirektøren er behandlingsansvarlig.</p>
<p>Vi samler bare inn de opplysningene vi trenger for å gi deg en tjeneste. Du har rett til innsyn, retting og sletting.</p>
<p>Personvernombudet kan nås på <a href="mailto:personvernombud@demo.kommune.invalid">personvernombud@demo.kommune.invalid</a>.</p>
''')
