"""The entry page: everything a clinician needs to decide in ten seconds, and every fact the curator wrote."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from ..i18n import N_, Fallback, _, capitalized, compose, join_marked, localized, mark, ngettext, pgettext
from ..model import Catalog, Entry
from ..model.catalog import Credit, Part, Run
from ..model.dates import When, build_day, in_words
from ..model.places import country_name
from ..model.schedule import describe, next_dates
from . import urls
from .html import DESCRIPTION_CHARS, a, block, esc, ext, front_matter, safe_url, short, ul


# Translators: a credit's amount, its kind and what it is counted per, e.g. "3 CPD hours per module".
_CREDIT_PER = {"course": N_("{amount} {label}"), "module": N_("{amount} {label} per module"),
               "session": N_("{amount} {label} per session"), "hour": N_("{amount} {label} per hour")}
_ROLES = {"accreditor": N_("accrediting body"), "host": N_("host"), "platform": N_("platform"), "funder": N_("funder"),
          "partner": N_("partner"), "author": N_("author")}
_RELATIONS = {"earlier-edition": N_("Earlier edition"), "later-edition": N_("Later edition"),
              "successor": N_("Replaced by"), "predecessor": N_("Replaces"), "pilot": N_("Pilot"),
              "companion": N_("Companion course"), "train-the-trainer": N_("Train-the-trainer course"),
              "translation": N_("Translation"), "see-also": N_("See also")}
_ENROLMENT = {"open": N_("Open for enrolment"), "closed": N_("Closed: not taking learners"),
              "invitation": N_("By invitation or nomination only"), "rolling": N_("Join at any time")}
_ASSESSMENT = {"none": N_("No assessment"), "quiz": N_("Quiz"), "assignment": N_("Written assignment"),
               "exam": N_("Exam"), "observed-practice": N_("Observed practice"), "portfolio": N_("Portfolio")}
_ATTENDANCE = {"certificate": N_("Certificate of attendance or completion"), "record": N_("Record of attendance"),
               "none": N_("None")}
_RUN_STATUS = {"open": N_("Booking open"), "full": N_("Full"), "closed": N_("Booking closed"),
               "cancelled": N_("Cancelled")}


_TYPES = {"course": N_("Course"), "resource": N_("Resource"), "programme": N_("Programme"),
          "community-of-practice": N_("Community of practice"), "event": N_("Event"), "guidance": N_("Guidance"),
          "toolkit": N_("Toolkit"), "qualification": N_("Qualification")}
# Fields a curator may mark as inferred or approximate, named as the catalog file names them.
_FIELDS = {"duration": N_("duration"), "cost": N_("cost"), "credits": N_("credits"), "tiers": N_("tiers"),
           "competencies": N_("competencies"), "formats": N_("formats"), "languages": N_("languages"),
           "countries": N_("countries"), "provider": N_("provider"), "launched": N_("launched"),
           "professions": N_("professions"), "settings": N_("settings"), "audiences": N_("audiences"),
           "start": N_("start"), "end": N_("end"), "timezone": N_("timezone"), "capacity": N_("capacity")}


def type_name(kind: str) -> str:
    """An entry's kind as a page names it: 'Community of practice'."""
    return _(_TYPES[kind]) if kind in _TYPES else kind.replace("-", " ").capitalize()


def field_name(name: str) -> str:
    return _(_FIELDS[name]) if name in _FIELDS else name.replace("_", " ")


def heading(text: str) -> str:
    """A second-level Markdown heading (the page's contents list is made from these)."""
    return f"## {text}\n\n"


def not_stated() -> str:
    """What a page says for a fact the sources do not give."""
    return _("Not stated")


def one_credit(catalog: Catalog, c: Credit) -> str:
    """One credit in words (plain text)."""
    label = catalog.vocab.label("credit_types", c.type)
    amount = _("up to {amount}").format(amount=f"{c.amount:g}") if c.up_to else f"{c.amount:g}"
    first = compose(_(_CREDIT_PER.get(c.per, _CREDIT_PER["course"])), amount=amount, label=label)
    parts = [compose(_("{credit} at {level}"), credit=first, level=localized(c.level)) if c.level else first]
    if c.body:
        parts.append(compose(_("from {body}"), body=c.body))
    if c.professions:
        parts.append(_("for {professions}").format(
            professions=", ".join(catalog.vocab.label("professions", p).lower() for p in c.professions)))
    if c.members_only:
        parts.append(_("members only"))
    text = join_marked(" · ", parts)
    if c.note:
        text = join_marked("", [text, " (", localized(c.note), ")"])
    return text


def credit_text(catalog: Catalog, entry: Entry) -> list[str]:
    """Each credit, escaped for a page; 'None' when the source says there is none."""
    if entry.credits_none:
        return [esc(pgettext("no credits", "None"))]
    return [mark(one_credit(catalog, c)) for c in entry.credits]


def cost_text(catalog: Catalog, entry: Entry, *, note: bool = True) -> str:
    """The cost model and prices, and the provider's note on who pays what unless ``note`` is false."""
    parts = [catalog.vocab.label("cost", entry.cost) if entry.cost else not_stated()]
    if entry.prices:
        parts.append(": " + "; ".join(p.describe() for p in entry.prices))
    if note and entry.cost_note:
        parts += [" (", localized(entry.cost_note), ")"]
    if entry.cost and "cost" in entry.inferred:
        parts += [" ", _("(inferred by the curator)")]
    return parts[0] if len(parts) == 1 else join_marked("", parts)


def time_text(entry: Entry) -> str:
    if not entry.duration:
        return not_stated()
    text = entry.duration.describe()
    if "duration" in entry.approximate:
        text = _("About {time}").format(time=text)
    if "duration" in entry.inferred:
        text += " " + _("(the curator's estimate)")
    return text


def tiers_text(entry: Entry) -> str:
    return ", ".join(_("Tier {number}").format(number=t) for t in entry.tiers)


def terms(catalog: Catalog, here: str, kind: str, ids: tuple[str, ...]) -> str:
    """Links to each term's listing; 'Not stated' when there are none (an empty list is not 'any')."""
    links = [a(here, urls.facet(kind, i), catalog.vocab.label(kind, i)) for i in ids]
    return ", ".join(links) if links else mark(not_stated())


def labels(catalog: Catalog, kind: str, ids: tuple[str, ...]) -> str:
    return join_marked(", ", [catalog.vocab.label(kind, i) for i in ids])


def languages_text(catalog: Catalog, entry: Entry) -> str:
    return join_marked(", ", [catalog.vocab.language(tag) for tag in entry.languages])


def countries_text(entry: Entry) -> str:
    return join_marked(", ", [country_name(c) for c in entry.countries]) if entry.countries else not_stated()


def providers_text(entry: Entry) -> str:
    out = []
    for o in entry.providers:
        text = o.name
        if o.parent:
            text = _("{name}, part of {parent}").format(name=text, parent=o.parent)
        if o.role != "provider":
            text += f" ({_(_ROLES[o.role]) if o.role in _ROLES else o.role})"
        out.append(text)
    return "; ".join(out)


def title_language(entry: Entry) -> str:
    """The shown title's language tag when it is not the page's, for a ``lang`` attribute (WCAG 3.1.2);
    '' otherwise."""
    title = entry.words("title")
    return title.lang if isinstance(title, Fallback) else ""


def entry_link(here: str, entry: Entry) -> str:
    """A link to the entry's page under its title, marked with the title's language where it is not the page's."""
    lang, title = title_language(entry), str(entry.words("title"))  # the link carries the title's language
    return a(here, urls.entry(entry.id), title, lang=lang) if lang else a(here, urls.entry(entry.id), title)


def lang_attr(tag: str) -> str:
    return f' lang="{esc(tag)}"' if tag else ""


def status_text(entry: Entry) -> str:
    """The entry's lifecycle in one sentence (plain text), or '' when it is active."""
    head, rest = status_parts(entry)
    return f"{head}. {rest}" if head else ""


def status_parts(entry: Entry) -> tuple[str, str]:
    """The entry's lifecycle as a short head ('Paused until May 2027') and the sentence that explains it."""
    if entry.status == "paused":
        head = (_("Paused until {date}").format(date=in_words(entry.paused_until)) if entry.paused_until
                else _("Paused"))
        return head, _("The provider is not taking new learners at the moment.")
    if entry.status == "finished":
        head = _("Finished in {date}").format(date=in_words(entry.finished_on)) if entry.finished_on else _("Finished")
        return head, _("It ran and has ended; it is listed so that its record and dates stay findable.")
    if entry.status == "retired":
        head = _("Retired on {date}").format(date=in_words(entry.retired_on)) if entry.retired_on else _("Retired")
        return head, _("Kept here so that existing links still work.")
    return "", ""


def access_lines(catalog: Catalog, entry: Entry) -> list[str]:
    """Who may enrol and how to get in, one plain-text line per fact given (the page and the embed card)."""
    items = []
    if entry.enrolment:
        items.append(_(_ENROLMENT[entry.enrolment]) + ".")
    if entry.eligible:
        items.append(compose(_("Who may enrol: {text}"), text=localized(entry.eligible)))
    if entry.requirements:
        items.append(compose(_("Entry requirements: {text}"), text=localized(entry.requirements)))
    if entry.sign_in:
        items.append(compose(_("Sign in: {ways}."), ways=labels(catalog, "sign_in", entry.sign_in)))
    if entry.account:
        items.append(compose(_("Getting an account: {text}"), text=localized(entry.account)))
    if entry.open_sample:
        items.append(_("Some parts are open to everyone."))
    return items


def _access(catalog: Catalog, entry: Entry) -> str:
    return "<br>".join(mark(x) for x in access_lines(catalog, entry))


def recognition_lines(entry: Entry) -> list[str]:
    """Each professional recognition that is not a credit, in words."""
    return [join_marked(" · ", [x for x in (localized(r.name) or _("Recognised"), compose(_("by {body}"), body=r.body),
                                            localized(r.note)) if x])
            for r in entry.recognition]


def attendance_text(entry: Entry) -> str:
    """The record of taking part the provider gives (not a credit), in words; '' when not stated."""
    return _(_ATTENDANCE[entry.attendance_record]) if entry.attendance_record else ""


def dates_text(entry: Entry) -> str:
    """When the entry was launched and finished, as precisely as the source says; '' if neither is known."""
    dates = [_("Launched {date}").format(date=in_words(entry.launched)) if entry.launched else "",
             _("finished {date}").format(date=in_words(entry.finished_on)) if entry.finished_on else ""]
    return ", ".join(d for d in dates if d)


def relations(entry: Entry) -> list[tuple[str, str, str]]:
    """(how it relates, the separator after it, entry id) for each entry this one names, in the page's order."""
    out = [(_("Part of"), "", entry.part_of)] if entry.part_of else []
    out += [(_("Do first:"), "", eid) for eid in entry.prerequisites]
    out += [(_("Goes well with:"), "", eid) for eid in entry.companions]
    out += [(_(_RELATIONS[r.relation]), ":", r.id) for r in entry.related]
    return out


def _credits_row(catalog: Catalog, entry: Entry) -> str:
    return "<br>".join(credit_text(catalog, entry)) or mark(not_stated())


def render_entry(catalog: Catalog, entry: Entry, today: dt.date | None = None) -> str:
    today = today or build_day()
    here = urls.entry(entry.id)
    v = catalog.vocab
    head, rest = status_parts(entry)
    banner = ""
    if head:
        banner = (f'<p class="portal-status portal-status--{esc(entry.status)}" role="status">'
                  f"<strong>{mark(head)}.</strong> {mark(rest)}</p>")
    tier_links = ", ".join(a(here, urls.tier(t), _("Tier {number}").format(number=t)) for t in entry.tiers)
    facts: list[tuple[str, str]] = []
    if entry.professions or not entry.learners:
        facts.append((_("Who it is for"), terms(catalog, here, "professions", entry.professions)))
    if entry.learners:
        facts.append((_("Learners"), mark(labels(catalog, "learners", entry.learners))))
    facts += [
        (pgettext("fact", "Tier"), tier_links),
        (pgettext("fact: study time", "Time"), mark(time_text(entry))),
        (pgettext("fact", "Cost"), mark(cost_text(catalog, entry))),
        (pgettext("fact", "Credits"), _credits_row(catalog, entry)),
    ]
    if entry.recognition:
        facts.append((_("Recognition"), "<br>".join(mark(x) for x in recognition_lines(entry))))
    if entry.attendance_record:
        facts.append((_("Record of taking part"), mark(attendance_text(entry))))
    if entry.assessment:
        text = join_marked("", [_(_ASSESSMENT[entry.assessment]), ": ", localized(entry.assessment_note)]) \
            if entry.assessment_note else _(_ASSESSMENT[entry.assessment])
        facts.append((pgettext("fact", "Assessment"), mark(text)))
    facts += [
        (pgettext("fact", "Format"), mark(labels(catalog, "formats", entry.formats) or not_stated())),
        (pgettext("fact", "Language"), mark(languages_text(catalog, entry))),
        (pgettext("fact", "Countries"), mark(countries_text(entry))),
        (pgettext("fact", "Provider"), mark(providers_text(entry))),
    ]
    if entry.settings:
        facts.append((pgettext("fact", "Settings"), terms(catalog, here, "settings", entry.settings)))
    if entry.audiences:
        facts.append((_("Focus on"), terms(catalog, here, "audiences", entry.audiences)))
    if entry.age_groups:
        facts.append((_("Patients"), mark(labels(catalog, "age_groups", entry.age_groups))))
    if entry.disease_groups:
        facts.append((_("Conditions"), mark(labels(catalog, "disease_groups", entry.disease_groups))))
    access = _access(catalog, entry)
    if access:
        facts.append((_("Access"), access))
    if dates_text(entry):
        facts.append((pgettext("fact", "Dates"), esc(dates_text(entry))))
    dl = "".join(f"<dt>{mark(k)}</dt><dd>{val}</dd>" for k, val in facts)
    kind = mark(type_name(entry.type))
    lang = title_language(entry)
    title = f"<h1{lang_attr(lang)}>{esc(entry.words('title'))}</h1>" if lang else ""
    go = ext(entry.url, _("Go to the provider’s site") if entry.shared_url
             else compose(_("Go to {title} on the provider’s site"), title=entry.words("title")),
             "md-button md-button--primary portal-out")
    find = (f'<p class="portal-how-to-find"><strong>{mark(_("How to find it there:"))}</strong> '
            f"{mark(localized(entry.how_to_find))}</p>") if entry.how_to_find else ""
    note = (f'<aside class="portal-note" aria-label="{esc(_("Curator’s note"))}"><p><strong>'
            f'{mark(_("Curator’s note:"))}</strong> {mark(entry.words("note"))}</p></aside>') if entry.note else ""
    out = front_matter(entry.words("title"), description=short(entry.words("summary"), DESCRIPTION_CHARS), search={"exclude": True},
                       portal={"kind": "entry", "id": entry.id})
    out += block(
        title
        + f'<p class="portal-kicker">{kind}</p>'
        f"{banner}"
        f'<p class="portal-summary">{mark(entry.words("summary"))}</p>'
        f"<p>{go}</p>{find}{note}"
        f'<dl class="portal-facts">{dl}</dl>',
        "portal-entry",
    )
    if entry.runs:
        out += heading(pgettext("heading", "Dates")) + block(_runs(entry, today), "portal-runs")
    if entry.parts:
        out += heading(_("Modules and sessions")) + block(_parts(catalog, entry), "portal-parts")
    out += heading(_("Competencies it covers"))
    rows = []
    for cid in entry.competencies:
        comp = catalog.framework.competencies[cid]
        subject = catalog.framework.subjects[comp.subject]
        name = compose(_("{subject}, tier {tier}"), subject=subject.name, tier=comp.tier)
        rows.append(f"{a(here, urls.competency(cid), name)}: {mark(comp.statement)}")
    fw = catalog.framework
    fit = ""
    if fw.scope.label and fw.outside_scope(entry.audiences, getattr(entry, "age_groups", ())):
        fit = (f'<p class="portal-closest-fit"><strong>{mark(localized(fw.scope.label))}.</strong> '
               f'{mark(localized(fw.scope.note))}</p>')
    out += block(fit + ul(rows), "portal-competencies")
    if entry.learning_outcomes:
        out += heading(_("What you will learn")) + block(ul(mark(localized(o)) for o in entry.learning_outcomes), "portal-outcomes")
    if entry.keywords:
        tags = "".join(f"<li>{a(here, urls.catalog() + '?q=' + quote(k, safe=''), localized(k))}</li>" for k in entry.keywords)
        out += heading(_("Topics")) + block(f'<ul class="portal-tags">{tags}</ul>', "portal-topics")
    in_paths = catalog.in_pathways.get(entry.id, [])
    if in_paths:
        out += heading(_("Learning pathways that include it"))
        out += block(ul(a(here, urls.pathway(p), catalog.pathways[p].words("title")) for p in in_paths), "portal-in-pathways")
    related = _related(catalog, entry, here)
    if related:
        out += heading(_("Related entries")) + block(related, "portal-related")
    checked = entry.reviewed or (max(s.checked for s in entry.sources) if entry.sources else "")
    review = mark(_("Last reviewed {date}.").format(date=checked)) + " " if checked else ""
    marks = marks_text(entry)
    out += block(
        f"<p>{review}{mark(_('Next review due by {date}.').format(date=entry.review_by))} "
        f"{mark(_('Facts such as cost and credits can change: check them with the provider.'))} "
        f"{a(here, 'about/#how-entries-are-chosen', _('Listing is not endorsement'))}.</p>"
        + (f"<p>{mark(marks)}</p>" if marks else "")
        + (ul(ext(s.url, localized(s.note) or s.url) + " " + mark(_("(checked {date})").format(date=s.checked))
              for s in entry.sources) if entry.sources else "")
        + origin_text(catalog, entry),
        "portal-provenance",
    )
    return out


def origin_text(catalog: Catalog, entry: Entry) -> str:
    """Where an entry of an included catalog comes from: its catalog, licence and where to suggest a change."""
    if not entry.origin:
        return ""
    known = catalog.origins.get(entry.origin)
    name = known.title if known and known.title else entry.origin
    home = known.site_url if known and known.site_url.startswith("https://") else ""
    source = ext(home.rstrip("/") + "/" + urls.entry(entry.id), name) if home else esc(name)
    if known and known.licence_name:
        licence = ext(known.licence_url, known.licence_name) if known.licence_url else esc(known.licence_name)
        parts = [mark(_("From {source}, under {licence}.").format(source=source, licence=licence), escape=False)]
    else:
        parts = [mark(_("From {source}.").format(source=source), escape=False)]
    if entry.origin_edit_url:
        link = ext(entry.origin_edit_url, _("suggest a change to that catalog"))
        parts.append(mark(_("To correct it, {link}.").format(link=link), escape=False))
    if entry.extended_in:
        parts.append(mark(_("Local dates and details are this portal's own.")))
    return f'<p class="portal-origin">{" ".join(parts)}</p>'


def marks_text(entry: Entry) -> str:
    """Which facts the curator inferred or gave as approximate, in words."""
    out = []
    if entry.inferred:
        out.append(_("Inferred by the curator rather than read in a source: {fields}.").format(
            fields=", ".join(field_name(f) for f in entry.inferred)))
    if entry.approximate:
        out.append(_("Approximate: {fields}.").format(fields=", ".join(field_name(f) for f in entry.approximate)))
    text = " ".join(out)
    return Fallback(text) if any(isinstance(o, Fallback) for o in out) else text


def _related(catalog: Catalog, entry: Entry, here: str) -> str:
    items = []

    def link(eid: str) -> str:
        target = catalog.entries.get(eid)
        return entry_link(here, target) if target else esc(eid)

    for i, (how, sep, eid) in enumerate(relations(entry)):
        code = " " + mark(_("(code {code})").format(code=entry.code)) if i == 0 and entry.part_of and entry.code else ""
        items.append(f"{mark(how)}{sep} {link(eid)}{code}")
    children = catalog.children.get(entry.id, [])
    if children:
        shown = children[:50]
        rest = len(children) - 50
        more = " " + mark(ngettext("and {n} more", "and {n} more", rest).format(n=rest)) if rest > 0 else ""
        items.append(f"{mark(_('Includes:'))} " + ", ".join(link(c) for c in shown) + more)
    return ul(items)


def _when(value: str, zone: str, *, time: bool = True) -> str:
    parsed = When.parse(value)
    text = parsed.words(time=time)
    if time and parsed.time is not None and zone:
        text += f" ({zone})"
    return text


def run_is_past(run: Run, today: dt.date) -> bool:
    """Whether every session of the run is over by ``today`` (a month or year lasts to its end)."""
    if run.recurrence:
        rec = run.recurrence
        if rec.until:
            return When.parse(rec.until).last_day() < today
        return bool(rec.count) and not next_dates(run, today, 1)
    return When.parse(run.end or run.start).last_day() < today


def run_when(r: Run) -> str:
    """When a run takes place, in words (plain text): its dates, time zone and the curator's marks."""
    start = When.parse(r.start)
    when = _when(r.start, "" if r.end else r.timezone)
    end = When.parse(r.end) if r.end else None
    if end and end.date_text == start.date_text and end.time is not None:
        # The same day: only the end time.
        to = f"{end.time:%H:%M}" + (f" ({r.timezone})" if r.timezone else "")
        when = _("{start} to {end}").format(start=when, end=to)
    elif r.end:
        when = _("{start} to {end}").format(start=when, end=_when(r.end, r.timezone))
    if "timezone" in r.inferred and r.timezone and start.time is not None:
        when = _("{when}, time zone assumed").format(when=when)
    if "start" in r.approximate or "end" in r.approximate:
        when = _("about {when}").format(when=when)
    if "start" in r.inferred:
        when = _("{when} (date worked out by the curator, not announced)").format(when=when)
    begins = _("Starts {when}") if not r.recurrence else _("First session {when}")
    return begins.format(when=when)


def run_rule(r: Run) -> str:
    """A repeating run's rule in words, as a sentence ('Last Thursday of each month, except December')."""
    rule = describe(r)
    if "recurrence" in r.inferred:  # the dates it makes are the curator's reading, not the provider's
        rule = _("{rule} (pattern worked out by the curator, not announced)").format(rule=rule)
    elif "recurrence" in r.approximate:
        rule = _("{rule} (approximately)").format(rule=rule)
    return capitalized(rule)


def run_next(r: Run, today: dt.date, limit: int = 4) -> str:
    """A repeating run's next session dates, with their time and time zone; '' when none are to come."""
    upcoming = [] if run_is_past(r, today) else next_dates(r, today, limit)
    if not upcoming:
        return ""
    text = _("Next: {dates}").format(dates=", ".join(When.parse(d.isoformat()).words() for d in upcoming))
    start = When.parse(r.start)
    if start.time is not None:
        at = f"{start.time:%H:%M}" + (f" ({r.timezone})" if r.timezone else "")
        text = _("{dates}, each at {time}").format(dates=text, time=at)
        if "timezone" in r.inferred and r.timezone:
            text = _("{when}, time zone assumed").format(when=text)
    return text


def run_deadline(r: Run) -> str:
    """The run's registration deadline in words, with its time zone; '' when none is given."""
    return _("Register by {date}").format(date=_when(r.registration_deadline, r.timezone)) if r.registration_deadline else ""


def run_status(r: Run) -> str:
    """The booking status the curator gave for the run; '' when none (no status is not 'open')."""
    return _(_RUN_STATUS[r.status]) if r.status else ""


def _runs(entry: Entry, today: dt.date) -> str:
    rows = []
    for r in sorted(entry.runs, key=lambda r: (When.parse(r.start).first_day(), r.id)):
        past = run_is_past(r, today)
        parts = [f"<strong>{mark(localized(r.title) or r.id)}</strong>", mark(run_when(r))]
        if past:
            parts.insert(1, f'<span class="portal-past">{mark(pgettext("a session", "Past"))}</span>')
        if r.recurrence:
            parts.append(mark(run_rule(r)))
            upcoming = run_next(r, today)
            if upcoming:
                parts.append(mark(upcoming))
        if r.registration_deadline:
            parts.append(mark(run_deadline(r)))
        if r.capacity:
            parts.append(mark(ngettext("{n} place", "{n} places", r.capacity).format(n=r.capacity)))
        if r.location:
            parts.append(esc(r.location))
        if r.online:
            parts.append(mark(_("Online")))
        if r.status:
            parts.append(f"<em>{mark(run_status(r))}</em>")
        if r.url:
            parts.append(ext(r.url, _("Details and booking")))
        rows.append(" · ".join(parts))
    return ul(rows)


def _part_credits(catalog: Catalog, part: Part) -> str:
    if part.credits_none:
        return _("no credit")
    return join_marked("; ", [one_credit(catalog, c) for c in part.credits])


def ordered_parts(entry: Entry) -> list[Part]:
    """The entry's modules in the provider's order (``order``, else as listed)."""
    ordered = sorted(enumerate(entry.parts), key=lambda ip: (ip[1].order if ip[1].order is not None else ip[0] + 1, ip[0]))
    return [p for _index, p in ordered]


def part_details(catalog: Catalog, part: Part) -> str:
    """A module's time, credits and whether it is optional, in words ('' when none is given)."""
    return join_marked(" · ", [d for d in (part.duration.describe() if part.duration else "", _part_credits(catalog, part),
                                           _("optional") if part.optional else "") if d])


def _parts(catalog: Catalog, entry: Entry) -> str:
    rows = []
    for p in ordered_parts(entry):
        title = f"<span{lang_attr(p.title_lang)}>{esc(p.title)}</span>"
        if p.url:
            title = f'<a href="{esc(safe_url(p.url))}" rel="noopener external"{lang_attr(p.title_lang)}>{esc(p.title)}</a>'
        head = (f"{esc(p.code)}: " if p.code else "") + title
        details = part_details(catalog, p)
        rows.append(head + (f" · {esc(details)}" if details else ""))
    return "<ol>" + "".join(f"<li>{r}</li>" for r in rows) + "</ol>"
