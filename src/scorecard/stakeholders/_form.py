"""A self-contained HTML form that collects one person's answers, with no server.

A facilitator writes the form for a scorecard (`answer_form`) and sends it, or opens it on a
laptop in a workshop. A person picks their group, gives their name, shares points among the
children of each node they want to answer (skipping the others), and downloads the answers
CSV that `read_answers` reads. The page holds its script and style inline, loads nothing,
and every label is escaped; the card's tree travels as JSON with ``<`` escaped, so no label
can close the script.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from scorecard.stakeholders._files import COLUMNS
from scorecard.tree import ROOT, Scorecard

__all__ = ["answer_form"]

_SCRIPT = """
const card = JSON.parse(document.getElementById('card').textContent);
const form = document.getElementById('questions');
for (const node of card.nodes) {
  const box = document.createElement('fieldset');
  box.dataset.node = node.id;
  const legend = document.createElement('legend');
  legend.textContent = node.label;
  box.appendChild(legend);
  const skip = document.createElement('label');
  const tick = document.createElement('input');
  tick.type = 'checkbox'; tick.className = 'skip'; tick.name = 'skip-' + node.id;
  skip.appendChild(tick); skip.append(' I would rather not answer this one');
  box.appendChild(skip);
  for (const child of node.children) {
    const row = document.createElement('label');
    row.className = 'child';
    const input = document.createElement('input');
    input.type = 'number'; input.min = '0'; input.max = '100'; input.step = '1'; input.value = '10';
    input.name = node.id + '/' + child.id; input.dataset.child = child.id;
    row.append(child.label + ' ');
    row.appendChild(input);
    box.appendChild(row);
  }
  form.appendChild(box);
}
function quote(text) {
  const s = String(text);
  return /[",\\n\\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
function answers() {
  const lens = document.getElementById('lens').value.trim();
  const member = document.getElementById('member').value.trim();
  const problems = [];
  if (!lens) problems.push('choose your group');
  if (!member) problems.push('give your name (or initials)');
  const rows = [card.columns.join(',')];
  for (const box of form.querySelectorAll('fieldset')) {
    if (box.querySelector('.skip').checked) continue;
    const inputs = [...box.querySelectorAll('input[type=number]')];
    const values = inputs.map(i => Number(i.value));
    if (values.some(v => !Number.isFinite(v) || v < 0)) {
      problems.push(box.querySelector('legend').textContent + ': points must be 0 or more');
      continue;
    }
    if (!values.some(v => v > 0)) {
      const name = box.querySelector('legend').textContent;
      problems.push(name + ': give at least one point, or skip it');
      continue;
    }
    inputs.forEach((input, k) => {
      const cells = [lens, member, box.dataset.node, input.dataset.child, 'points', values[k]];
      rows.push(cells.map(quote).join(','));
    });
  }
  return {problems, text: rows.join('\\n') + '\\n', member};
}
document.getElementById('save').addEventListener('click', () => {
  const found = answers();
  const note = document.getElementById('note');
  if (found.problems.length) {
    note.textContent = 'Please ' + found.problems.join('; ') + '.';
    return;
  }
  document.getElementById('csv').value = found.text;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([found.text], {type: 'text/csv'}));
  link.download = 'answers-' + found.member.replace(/[^A-Za-z0-9_-]+/g, '-') + '.csv';
  document.body.appendChild(link); link.click(); link.remove();
  note.textContent = 'Saved ' + link.download + ': send it to the facilitator.';
});
"""

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 1.5rem auto; padding: 0 1rem;
       line-height: 1.4; color: #222; }
fieldset { margin: 1rem 0; border: 1px solid #ccc; } legend { font-weight: bold; }
label.child { display: flex; justify-content: space-between; gap: 1rem; margin: 0.3rem 0; }
input[type=number] { width: 5rem; } textarea { width: 100%; height: 6rem; }
button { font-size: 1rem; padding: 0.4rem 1rem; } #note { font-weight: bold; }
"""


def _nodes(card: Scorecard) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for node, children in card.groups.items():
        label = "The scorecard as a whole" if node == ROOT else card.node(node).label
        if len(children) < 2:  # noqa: PLR2004 - a sole child needs no weight
            continue
        kids = [{"id": c, "label": card.node(c).label} for c in children]
        out.append({"id": node, "label": f"{label}: points for each part", "children": kids})
    return out


def answer_form(card: Scorecard, lenses: Sequence[str] = (), *, title: str | None = None) -> str:
    """The form, as one HTML document: the group to choose (``lenses``, or typed), the nodes.

    Examples
    --------
    >>> import scorecard as sc
    >>> page = answer_form(sc.catalog.balanced(), ["commissioners", "people using services"])
    >>> "https://" in page, page.count("<fieldset") == 0  # fieldsets are drawn by the script
    (False, True)
    """
    data = {"columns": list(COLUMNS), "nodes": _nodes(card)}
    embedded = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    heading = html.escape(title or f"Your weights for {card.name}")
    options = "".join(f"<option>{html.escape(n)}</option>" for n in lenses)
    chooser = (
        f"<select id='lens'><option value=''>choose...</option>{options}</select>"
        if lenses
        else "<input id='lens' placeholder='e.g. people using services'>"
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{heading}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{heading}</h1>"
        "<p>How much should each part count when the services are judged? Share points among "
        "the parts of each question: only the proportions matter. Skip any question you would "
        "rather not answer. Nothing leaves this page until you send the file it saves.</p>"
        f"<p><label>Your group {chooser}</label></p>"
        "<p><label>Your name or initials <input id='member'></label></p>"
        "<form id='questions' onsubmit='return false'></form>"
        "<p><button id='save' type='button'>Save my answers</button> <span id='note'></span></p>"
        "<p><label>Your answers (to copy, if saving a file is not possible)"
        "<textarea id='csv' readonly></textarea></label></p>"
        f"<script type='application/json' id='card'>{embedded}</script>"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )
