from common import *

def preferred(prefix="elev", section_name="elev"):
    return (field(f"{prefix}-onsket-navn", "Ønsket navn/tiltalsnavn", ac=f"section-{section_name} nickname",
                  hint="Hvis eleven bruker et annet navn til daglig enn det som står i Folkeregisteret.")
            + field(f"{prefix}-pronomen", "Pronomen (valgfritt)", ac="off", hint="For eksempel: han, hun, hen"))

page("skole/index.html", "Skole", body='''
<h1>Skole</h1>
<p class="ingress">Demo kommune har 14 grunnskoler. Her finner du informasjon om skolestart, SFO, skoleskyss og skolerute.</p>
<ul>
  <li><a href="innskriving/index.html">Innskriving til 1. trinn</a></li>
  <li><a href="sfo/index.html">SFO – skolefritidsordningen</a></li>
  <li><a href="skoleskyss/index.html">Skoleskyss</a></li>
  <li><a href="skolerute/index.html">Skolerute</a></li>
  <li><a href="permisjon/index.html">Permisjon fra skolen</a></li>
</ul>
<p>Foresatte kan ta kontakt med skolen direkte. Se <a href="skoler/index.html">oversikt over skolene</a>.</p>
''')

page("skole/innskriving/index.html", "Innskriving til 1. trinn", body='''
<h1>Innskriving til 1. trinn</h1>
<p class="ingress">Barn som fyller seks år i år, begynner på skolen i august. Innskrivingen skjer i januar.</p>
<p>Fyll ut skjemaet under, eller skriv ut <a href="../../dokumenter/registreringsskjema-nye-elever.pdf">registreringsskjema for nye elever (PDF)</a> og lever det på skolen.</p>
''' + form("/api/skole/innskriving",
  section("Om eleven",
    field("elev-fornavn", "Elevens fornavn", ac="section-elev given-name", required=True)
    + field("elev-etternavn", "Elevens etternavn", ac="section-elev family-name", required=True)
    + preferred()
    + fnr("elev-fnr", "Elevens fødselsnummer (11 siffer)")
    + radios("elev-kjonn", "Kjønn (valgfritt)", [("jente", "Jente"), ("gutt", "Gutt"), ("annet", "Annet"), ("vil-ikke", "Ønsker ikke å oppgi")],
             hint="Vi spør om kjønn fordi skolen skal fordele elevene jevnt i klassene. Du kan la være å svare.")
  )
  + section("Forelder/foresatt 1", person_fields("f1", ac_section="foresatt1"))
  + section("Forelder/foresatt 2", person_fields("f2", ac_section="foresatt2"))
  + '    <p><button type="button" name="legg-til" value="foresatt">Legg til flere foresatte</button></p>\n'
  + select("skole", "Nærskole", [("", "Velg skole"), ("nordre", "Nordre Demo skole"), ("sentrum", "Demo sentrum skole"), ("havbakken", "Havbakken skole")], required=True)
  + radios("sfo", "Ønsker dere SFO-plass?", [("ja", "Ja"), ("nei", "Nei"), ("usikker", "Vet ikke ennå")])
, submit="Send innskriving"))

page("skole/sfo/index.html", "SFO – skolefritidsordningen", crumb="SFO", body='''
<h1>SFO – skolefritidsordningen</h1>
<p class="ingress">SFO er et frivillig omsorgs- og fritidstilbud for elever på 1.–4. trinn, og for elever med særskilte behov på 1.–7. trinn.</p>
<p>SFO åpner kl. 07.15 og stenger kl. 16.45. I skoleferiene holder én SFO per bydel åpent.</p>
<p><a href="soknad/index.html">Søk SFO-plass</a> · <a href="priser/index.html">Priser</a></p>
<h2>Hva skjer på SFO?</h2>
<p>Lek, moro og frisk luft. Elevene lager mat sammen én gang i uken, og vi har kunst med farge og form på fredager.</p>
''')

page("skole/sfo/soknad/index.html", "Søknad om SFO-plass", body='''
<h1>Søknad om SFO-plass</h1>
<p class="ingress">Søknadsfrist for plass fra skolestart er 15. april. Søknader som kommer senere, behandles fortløpende.</p>
''' + form("/api/sfo/soknad",
  section("Om eleven",
    field("elev-fornavn", "Elevens fornavn", ac="section-elev given-name", required=True)
    + field("elev-etternavn", "Elevens etternavn", ac="section-elev family-name", required=True)
    + preferred()
    + select("elev-skole", "Skole", [("", "Velg skole"), ("nordre", "Nordre Demo skole"), ("sentrum", "Demo sentrum skole"), ("havbakken", "Havbakken skole")], required=True)
    + select("elev-trinn", "Trinn", [("1", "1. trinn"), ("2", "2. trinn"), ("3", "3. trinn"), ("4", "4. trinn")])
  )
  + section("Forelder/foresatt 1",
    select("f1-tiltale", "Tiltale", [("", "Velg"), ("herr", "Herr"), ("fru", "Fru"), ("frk", "Frøken")], ac="section-foresatt1 honorific-prefix")
    + person_fields("f1", ac_section="foresatt1", address=True)
  )
  + section("Forelder/foresatt 2", person_fields("f2", ac_section="foresatt2"))
  + radios("plass", "Plasstype", [("hel", "Hel plass"), ("halv", "Halv plass (inntil 12 timer per uke)")], required=True)
  + field("start", "Ønsket startdato", type="date")
))

page("skole/sfo/priser/index.html", "Priser for SFO", body='''
<h1>Priser for SFO</h1>
<table>
  <caption>Månedspris SFO</caption>
  <thead><tr><th scope="col">Plass</th><th scope="col">Pris</th></tr></thead>
  <tbody><tr><td>Hel plass</td><td>2 990 kr</td></tr><tr><td>Halv plass</td><td>1 850 kr</td></tr><tr><td>Matpenger</td><td>350 kr</td></tr></tbody>
</table>
<p>Elever på 1. og 2. trinn har 12 timer gratis SFO i uken. Familier med lav inntekt kan søke om redusert betaling.</p>
''')

page("skole/skoleskyss/index.html", "Skoleskyss", body='''
<h1>Skoleskyss</h1>
<p class="ingress">Elever på 1. trinn som bor mer enn 2 km fra skolen, og elever på 2.–10. trinn som bor mer enn 4 km fra skolen, har rett til gratis skoleskyss.</p>
<h2>Rutetider</h2>
<p>Skolebussen far fra torget kl. 08.00 og er ved Nordre Demo skole kl. 08.20. Hjem går bussen kl. 14.10.</p>
<h2>Søknad</h2>
<p>Skriv ut og fyll ut <a href="../../dokumenter/soknad-om-skoleskyss.pdf">søknad om skoleskyss (PDF)</a>. Lever søknaden til skolen innen 1. juni.</p>
<p>Har barnet en <a href="farlig-skolevei/index.html">særlig farlig eller vanskelig skolevei</a>, kan det få skyss selv om avstanden er kortere.</p>
''')

page("skole/skoleskyss/farlig-skolevei/index.html", "Særlig farlig eller vanskelig skolevei", body='''
<h1>Særlig farlig eller vanskelig skolevei</h1>
<p>Kommunen vurderer om skoleveien er særlig farlig eller vanskelig. Vi ser på trafikkmengde, fartsgrense, fortau og lys langs veien.</p>
<p>Vurderingen gjøres etter skjønn, men følger Utdanningsdirektoratets veiledning. Foresatte kan klage på vedtaket.</p>
<p>Ta kontakt med skolekontoret på 73 80 43 00 hvis du har spørsmål.</p>
''')

page("skole/pamelding-aks/index.html", "Påmelding til aktivitetsskolen", body='''
<h1>Påmelding til aktivitetsskolen</h1>
<p class="ingress">Aktivitetsskolen har kurs i koding, sjakk og friluftsliv for elever på 3.–7. trinn. Kursene er gratis.</p>
<div id="app"></div>
<noscript><p>Påmeldingsskjemaet krever JavaScript. Du kan også melde på eleven ved å ringe skolekontoret på 73 80 43 00.</p></noscript>
<script>
(function () {
  var app = document.getElementById("app");
  var form = document.createElement("form");
  form.method = "post";
  form.action = "/api/skole/aks";
  function tekstfelt(id, tekst, ac) {
    var div = document.createElement("div");
    div.className = "felt";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = tekst;
    var input = document.createElement("input");
    input.type = "text";
    input.id = id;
    input.name = id;
    input.setAttribute("autocomplete", ac);
    div.appendChild(label);
    div.appendChild(input);
    form.appendChild(div);
  }
  tekstfelt("elev-navn", "Elevens navn", "section-elev name");
  var div = document.createElement("div");
  div.className = "felt";
  var label = document.createElement("label");
  label.htmlFor = "elev-kjonn";
  label.textContent = "Kjønn";
  var select = document.createElement("select");
  select.id = "elev-kjonn";
  select.name = "elev-kjonn";
  var tom = document.createElement("option");
  tom.value = "";
  tom.textContent = "Velg";
  select.appendChild(tom);
  ["Gutt", "Jente"].forEach(function (t) {
    var o = document.createElement("option");
    o.value = t.toLowerCase();
    o.textContent = t;
    select.appendChild(o);
  });
  div.appendChild(label);
  div.appendChild(select);
  form.appendChild(div);
  tekstfelt("mor-navn", "Mors navn", "section-mor name");
  tekstfelt("mor-tlf", "Mors telefon", "section-mor tel");
  var knapp = document.createElement("button");
  knapp.type = "submit";
  knapp.textContent = "Meld på";
  form.appendChild(knapp);
  app.appendChild(form);
})();
</script>
''')

page("skole/morsmalsopplaering/index.html", "Morsmålsopplæring", body='''
<h1>Morsmålsopplæring</h1>
<p class="ingress">Elever med et annet morsmål enn norsk og samisk kan ha rett til særskilt språkopplæring, morsmålsopplæring og tospråklig fagopplæring.</p>
<p>Morsmålsopplæringen gis på skolen eller ved en annen skole i nærheten. Foresatte søker gjennom skolen.</p>
<p>Rektor fatter vedtak etter en kartlegging av elevens norskferdigheter.</p>
''')

page("skole/skoler/index.html", "Skolene i kommunen", body='''
<h1>Skolene i kommunen</h1>
<table>
  <caption>Grunnskoler</caption>
  <thead><tr><th scope="col">Skole</th><th scope="col">Trinn</th><th scope="col">Rektor</th><th scope="col">Telefon</th></tr></thead>
  <tbody>
    <tr><td>Nordre Demo skole</td><td>1–7</td><td>Hans Olsen</td><td>73 80 44 10</td></tr>
    <tr><td>Demo sentrum skole</td><td>1–10</td><td>Siri Moe</td><td>73 80 44 20</td></tr>
    <tr><td>Havbakken skole</td><td>1–7</td><td>Jonas Farstad</td><td>73 80 44 30</td></tr>
    <tr><td>Demo ungdomsskole</td><td>8–10</td><td>Linnea Berg</td><td>73 80 44 40</td></tr>
  </tbody>
</table>
<p>Hver skole har et driftsstyre. Styreleder er en representant for foresatte.</p>
''')

page("skole/permisjon/index.html", "Permisjon fra skolen", body='''
<h1>Permisjon fra skolen</h1>
<p>Eleven kan få inntil ti skoledager permisjon per skoleår. Foresatte søker skriftlig til rektor senest to uker før fraværet.</p>
<p>Rektor vurderer søknaden ut fra elevens situasjon og hans eller hennes faglige utvikling.</p>
<p>Permisjon ut over ti dager kan gis i særlige tilfeller. Skolen hjelper foresatte å planlegge arbeid eleven kan gjøre hjemme.</p>
''')

page("skole/fritak/index.html", "Fritak fra opplæring", body='''
<h1>Fritak fra opplæring</h1>
<p>Foresatte kan søke om fritak fra deler av opplæringen i kristendom, religion, livssyn og etikk (KRLE) som de opplever som utøvelse av en annen religion.</p>
<p>Last ned <a href="../../dokumenter/soknad-om-fritak.docx">søknad om fritak (Word)</a> og lever den til skolen.</p>
''')

page("skole/skolerute/index.html", "Skolerute", body='''
<h1>Skolerute</h1>
<table>
  <caption>Skolerute for skoleåret</caption>
  <thead><tr><th scope="col">Periode</th><th scope="col">Dato</th></tr></thead>
  <tbody>
    <tr><td>Skolestart</td><td>19. august</td></tr>
    <tr><td>Høstferie</td><td>30. september–4. oktober</td></tr>
    <tr><td>Juleferie</td><td>20. desember–2. januar</td></tr>
    <tr><td>Vinterferie</td><td>24.–28. februar</td></tr>
    <tr><td>Påskeferie</td><td>14.–21. april</td></tr>
    <tr><td>Siste skoledag</td><td>20. juni</td></tr>
  </tbody>
</table>
''')
