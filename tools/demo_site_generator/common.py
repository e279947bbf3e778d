"""Shared template + form helpers for the Demo kommune static site generator."""
import html, os, posixpath

PAGES = {}   # path -> dict

def page(path, title, body, lang="nb", menu=True, sitemap=True, charset="utf-8",
         nolang=False, description=None, head_extra="", crumb=None):
    assert path not in PAGES, path
    PAGES[path] = dict(path=path, title=title, body=body, lang=lang, menu=menu,
                       sitemap=sitemap, charset=charset, nolang=nolang,
                       description=description or title + " - Demo kommune",
                       head_extra=head_extra, crumb=crumb or title)

def rel(frm, to):
    """relative link from page path `frm` to site path `to` (may carry #frag)."""
    frag = ""
    if "#" in to:
        to, frag = to.split("#", 1); frag = "#" + frag
    r = posixpath.relpath(to, posixpath.dirname(frm) or ".")
    return r + frag

# ---------- form helpers (accessible by default) ----------
def esc(s): return html.escape(s, quote=True)

def field(id, label, ac=None, type="text", required=False, hint=None, extra="", name=None):
    req = ' required' if required else ''
    star = ' <span class="pakrevd">(må fylles ut)</span>' if required else ''
    h = f'\n      <p class="hjelp" id="{id}-hjelp">{hint}</p>' if hint else ''
    desc = f' aria-describedby="{id}-hjelp"' if hint else ''
    acs = f' autocomplete="{ac}"' if ac else ''
    return (f'    <div class="felt">\n      <label for="{id}">{label}{star}</label>{h}\n'
            f'      <input type="{type}" id="{id}" name="{name or id}"{acs}{req}{desc}{extra}>\n    </div>\n')

def textarea(id, label, hint=None, rows=5):
    h = f'\n      <p class="hjelp" id="{id}-hjelp">{hint}</p>' if hint else ''
    desc = f' aria-describedby="{id}-hjelp"' if hint else ''
    return (f'    <div class="felt">\n      <label for="{id}">{label}</label>{h}\n'
            f'      <textarea id="{id}" name="{id}" rows="{rows}"{desc}></textarea>\n    </div>\n')

def radios(name, legend, options, hint=None, required=False):
    """options: list of (value, label) or (value, label, checked)"""
    out = [f'    <fieldset class="felt">\n      <legend>{legend}</legend>\n']
    if hint:
        out.append(f'      <p class="hjelp">{hint}</p>\n')
    for i, o in enumerate(options):
        v, l = o[0], o[1]
        chk = ' checked' if len(o) > 2 and o[2] else ''
        req = ' required' if required and i == 0 else ''
        oid = f'{name}-{v}'
        out.append(f'      <div class="valg"><input type="radio" id="{oid}" name="{name}" value="{v}"{chk}{req}> '
                   f'<label for="{oid}">{l}</label></div>\n')
    out.append('    </fieldset>\n')
    return "".join(out)

def checks(name, legend, options, hint=None):
    out = [f'    <fieldset class="felt">\n      <legend>{legend}</legend>\n']
    if hint:
        out.append(f'      <p class="hjelp">{hint}</p>\n')
    for v, l in options:
        oid = f'{name}-{v}'
        out.append(f'      <div class="valg"><input type="checkbox" id="{oid}" name="{name}" value="{v}"> '
                   f'<label for="{oid}">{l}</label></div>\n')
    out.append('    </fieldset>\n')
    return "".join(out)

def select(id, label, options, hint=None, required=False, ac=None):
    h = f'\n      <p class="hjelp" id="{id}-hjelp">{hint}</p>' if hint else ''
    desc = f' aria-describedby="{id}-hjelp"' if hint else ''
    req = ' required' if required else ''
    acs = f' autocomplete="{ac}"' if ac else ''
    opts = "".join(f'        <option value="{o[0]}"{" selected" if len(o) > 2 and o[2] else ""}>{o[1]}</option>\n' for o in options)
    return (f'    <div class="felt">\n      <label for="{id}">{label}</label>{h}\n'
            f'      <select id="{id}" name="{id}"{desc}{req}{acs}>\n{opts}      </select>\n    </div>\n')

def form(action, inner, submit="Send søknad", legend_note=True):
    note = '    <p class="hjelp">Felt merket «må fylles ut» er obligatoriske.</p>\n' if legend_note else ''
    return (f'  <form method="post" action="{action}" class="skjema">\n{note}{inner}'
            f'    <div class="knapper"><button type="submit">{submit}</button></div>\n  </form>\n')

def section(legend, inner):
    return f'    <fieldset class="gruppe">\n      <legend>{legend}</legend>\n{inner}    </fieldset>\n'

def person_fields(prefix, who_label_suffix="", ac_section=None, email=True, tel=True, address=False):
    s = f"section-{ac_section} " if ac_section else ""
    out = field(f"{prefix}-fornavn", "Fornavn" + who_label_suffix, ac=s + "given-name", required=True)
    out += field(f"{prefix}-etternavn", "Etternavn" + who_label_suffix, ac=s + "family-name", required=True)
    if address:
        out += field(f"{prefix}-adresse", "Adresse", ac=s + "street-address")
        out += field(f"{prefix}-postnr", "Postnummer", ac=s + "postal-code", extra=' inputmode="numeric" maxlength="4"')
        out += field(f"{prefix}-poststed", "Poststed", ac=s + "address-level2")
    if tel:
        out += field(f"{prefix}-tlf", "Mobilnummer", ac=s + "tel", type="tel")
    if email:
        out += field(f"{prefix}-epost", "E-postadresse", ac=s + "email", type="email")
    return out

def fnr(id, label="Fødselsnummer (11 siffer)"):
    return field(id, label, ac="off", required=True, extra=' inputmode="numeric" pattern="[0-9]{11}" maxlength="11"')
