from common import *

page("nynorsk/index.html", "Nynorsk", lang="nn", crumb="Nynorsk", body='''
<h1>Demo kommune på nynorsk</h1>
<p class="ingress">Her finn du informasjon om dei viktigaste tenestene våre på nynorsk.</p>
<ul>
  <li><a href="barnehage/index.html">Søknad om barnehageplass</a></li>
  <li><a href="skule/index.html">Skule og morsmålsopplæring</a></li>
  <li><a href="helsestasjon/index.html">Helsestasjonen</a></li>
  <li><a href="kontakt/index.html">Kontakt oss</a></li>
</ul>
''')

page("nynorsk/barnehage/index.html", "Søknad om barnehageplass (nynorsk)", lang="nn", crumb="Barnehage", body='''
<h1>Søknad om barnehageplass</h1>
<p class="ingress">Søknadsfristen for hovudopptaket er 1. mars. Du kan søkje om plass heile året.</p>
''' + form("/api/barnehage/soknad-nn",
  section("Om barnet",
    field("barn-fornamn", "Fornamn til barnet", ac="section-barn given-name", required=True)
    + field("barn-etternamn", "Etternamn til barnet", ac="section-barn family-name", required=True)
    + field("barn-onskt-namn", "Ønskt namn/tiltalsnamn", ac="section-barn nickname", hint="Dersom barnet brukar eit anna namn til dagleg enn det som står i Folkeregisteret.")
    + field("barn-pronomen", "Pronomen (valfritt)", ac="off", hint="Til dømes: han, ho, hen")
    + fnr("barn-fnr", "Fødselsnummeret til barnet (11 siffer)")
  )
  + section("Forelder/føresett 1",
    field("f1-namn", "Fullt namn", ac="section-foresatt1 name", required=True)
    + field("f1-tlf", "Mobilnummer", ac="section-foresatt1 tel", type="tel", required=True)
    + field("f1-epost", "E-postadresse", ac="section-foresatt1 email", type="email", required=True)
  )
  + section("Forelder/føresett 2",
    field("f2-namn", "Fullt namn", ac="section-foresatt2 name")
    + field("f2-tlf", "Mobilnummer", ac="section-foresatt2 tel", type="tel")
    + field("f2-epost", "E-postadresse", ac="section-foresatt2 email", type="email")
  )
  + '    <p><button type="button" name="legg-til" value="foresatt">Legg til fleire føresette</button></p>\n'
  + field("oppstart", "Ønskt oppstartsdato", type="date", required=True)
, submit="Send søknaden").replace("Felt merket «må fylles ut» er obligatoriske.", "Felt merkte «må fyllast ut» er obligatoriske.").replace("(må fylles ut)", "(må fyllast ut)"))

page("nynorsk/skule/index.html", "Skule", lang="nn", body='''
<h1>Skule</h1>
<p>Elevar med eit anna morsmål enn norsk og samisk kan ha rett til særskild språkopplæring og morsmålsopplæring.</p>
<p>Rektor gjer vedtak etter ei kartlegging. Skulen gjer ei skjønnsmessig vurdering av kor lenge eleven treng tilbodet.</p>
<p>Skulebussen far frå torget klokka 08.00.</p>
''')

page("nynorsk/helsestasjon/index.html", "Helsestasjonen", lang="nn", body='''
<h1>Helsestasjonen</h1>
<p class="ingress">Helsestasjonen følgjer opp barn frå fødsel til skulestart. Alle konsultasjonane er gratis.</p>
<p>Når barnet byrjar i barnehagen, kan det vere lurt å snakke med helsesjukepleiaren om korleis han eller ho et og søv.</p>
<p>Vi har ope måndag–fredag klokka 08.00–15.30. Telefon 73 80 45 00.</p>
''')

page("nynorsk/kontakt/index.html", "Kontakt oss", lang="nn", body='''
<h1>Kontakt oss</h1>
<p>Servicetorget svarar på spørsmål om alle tenestene til kommunen. Ring 73 80 00 00 kvardagar klokka 08.00–15.30.</p>
<p>Besøksadresse: Rådhusplassen 1, 7099 Demo.</p>
''')

page("en/index.html", "Norwegian language training – registration", lang="en", crumb="English", body='''
<h1>Norwegian language training for adults</h1>
<p class="ingress">Demo adult education centre offers Norwegian language training for new residents. Courses start in August and January.</p>
<p>Each participant meets a teacher for an interview before the course starts, so that he or she is placed at the right level.</p>
<h2>Register for a course</h2>
''' + form("/api/voksenopplaering/registration",
  select("title", "Title", [("", "Choose"), ("mr", "Mr"), ("mrs", "Mrs"), ("ms", "Ms"), ("miss", "Miss")], ac="honorific-prefix")
  + field("given-name", "First name", ac="given-name", required=True).replace("(må fylles ut)", "(required)")
  + field("family-name", "Last name", ac="family-name", required=True).replace("(må fylles ut)", "(required)")
  + radios("sex", "Sex", [("male", "Male"), ("female", "Female")])
  + field("email", "Email address", ac="email", type="email")
  + field("tel", "Phone number", ac="tel", type="tel")
  + field("nav-contact", "Your contact person at NAV", ac="off", hint="For example, Mrs. Schmidt")
  + select("level", "Current level of Norwegian", [("a0", "Beginner"), ("a1", "A1"), ("a2", "A2"), ("b1", "B1 or higher")])
, submit="Register").replace("Felt merket «må fylles ut» er obligatoriske.", "Fields marked (required) must be filled in."))

page("sma/index.html", "Åarjelsaemien", lang="sma", crumb="Åarjelsaemien", body='''
<h1>Buerie båeteme</h1>
<p class="ingress">Daate lea Demo tjïelten åarjelsaemien bielie.</p>
<p>Mijjieh bïevnesh åarjelsaemien gïelesne vedtebe. Åarjelsaemien gïele lea byjjes gïele Tråantesne.</p>
<p>Tjïelte: Rådhusplassen 1. Telefovne 73 80 00 00.</p>
''')

page("dokumenter/index.html", "Dokumenter og skjemaer for utskrift", crumb="Dokumenter", body='''
<h1>Dokumenter og skjemaer for utskrift</h1>
<ul>
  <li><a href="soknad-om-skoleskyss.pdf">Søknad om skoleskyss (PDF, 1 side)</a></li>
  <li><a href="registreringsskjema-nye-elever.pdf">Registreringsskjema for nye elever (utfyllbar PDF)</a></li>
  <li><a href="soknad-om-fritak.docx">Søknad om fritak fra opplæring (Word)</a></li>
</ul>
<p>Trenger du skjemaene på papir, kan du hente dem på Servicetorget.</p>
''')

page("intern/index.html", "Intranett – skjemabank", crumb="Intranett", sitemap=False, menu=False, body='''
<h1>Intranett – skjemabank</h1>
<p>Denne siden er kun for ansatte. Utkast til skjemaer som ikke er publisert.</p>
<p><a href="skjemautkast/index.html">Utkast: påmelding til foreldremøte</a></p>
<p>Husk at søker alltid må oppgi han/hun ved telefonhenvendelser.</p>
''')

page("intern/skjemautkast/index.html", "Utkast: påmelding til foreldremøte", crumb="Skjemautkast", sitemap=False, menu=False, body='''
<h1>Utkast: påmelding til foreldremøte</h1>
''' + form("/api/intern/foreldremote",
  field("mor-navn", "Mors navn", ac="section-mor name")
  + field("far-navn", "Fars navn", ac="section-far name")
  + radios("kjonn", "Kjønn", [("mann", "Mann", True), ("kvinne", "Kvinne")])
  + select("tiltale", "Tiltale", [("herr", "Herr"), ("fru", "Fru")])
, submit="Meld på"))
