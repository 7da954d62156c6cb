#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write one Markdown page per module of a collection, from the modules' own documentation.

    docs_md.py NAMESPACE.NAME DEST_DIR

The documentation is read the way antsibull-docs reads it (`ansible-doc --json`, doc fragments merged), and
its markup (O(), V(), RV(), M(), C(), E(), L(), U(), ...) is rendered by antsibull-docs' own parser and
Markdown writer (antsibull_docs_parser). antsibull-docs itself only writes RST for Sphinx (its
simplified-rst output puts the option tables in raw HTML, which GitHub does not render), hence this page
layout. The output is deterministic, so a check can regenerate the pages and compare.
"""

from __future__ import absolute_import, division, print_function

import json
import os
import re
import subprocess
import sys

from antsibull_docs_parser import dom
from antsibull_docs_parser.format import LinkProvider
from antsibull_docs_parser.md import MDFormatter, to_md
from antsibull_docs_parser.parser import Context, parse

BUILTIN_URL = 'https://docs.ansible.com/ansible/latest/collections/ansible/builtin/%s_%s.html'


def ansible_doc(*args):
    tool = os.path.join(os.path.dirname(sys.executable), 'ansible-doc')
    if not os.path.exists(tool):
        tool = 'ansible-doc'
    output = subprocess.check_output([tool, '--json'] + list(args))
    return json.loads(output.decode('utf-8'))


def _escape(text):
    """Escape what Markdown (and a table cell) would read as markup; leave the rest readable."""
    text = re.sub(r'([\\`*\[\]<>|])', r'\\\1', text)
    return re.sub(r'(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])', r'\\_', text)


def _code(text):
    text = text.replace('|', '\\|')
    fence = '``' if '`' in text else '`'
    pad = ' ' if text.startswith('`') or text.endswith('`') else ''
    return '%s%s%s%s%s' % (fence, pad, text, pad, fence)


class Formatter(MDFormatter):
    """antsibull-docs-parser's Markdown writer with code spans and Markdown links instead of inline HTML."""

    @staticmethod
    def _format_option_like(part, url):
        text = part.name if part.value is None else '%s=%s' % (part.name, part.value)
        result = _code(text)
        if url:
            result = '[%s](%s)' % (result, url)
        if part.type == dom.PartType.OPTION_NAME and part.value is None:
            result = '**%s**' % result
        return result

    def format_error(self, part):
        raise ValueError('bad markup: %s' % part.message)

    def format_bold(self, part):
        return '**%s**' % _escape(part.text)

    def format_code(self, part):
        return _code(part.text)

    def format_horizontal_line(self, part):
        return ' '

    def format_italic(self, part):
        return '*%s*' % _escape(part.text)

    def format_link(self, part):
        return '[%s](%s)' % (_escape(part.text), part.url)

    def format_module(self, part, url):
        return '[%s](%s)' % (part.fqcn, url) if url else _code(part.fqcn)

    def format_rst_ref(self, part):
        return _escape(part.text)

    def format_url(self, part):
        return '<%s>' % part.url

    def format_text(self, part):
        return _escape(part.text)

    def format_env_variable(self, part):
        return _code(part.name)

    def format_option_value(self, part):
        return _code(part.value)

    def format_plugin(self, part, url):
        return '[%s](%s)' % (part.plugin.fqcn, url) if url else _code(part.plugin.fqcn)


FORMATTER = Formatter()


class Links(LinkProvider):
    """Links between the collection's pages (MODULE.md#parameter-NAME / #return-NAME) and to ansible.builtin."""

    def __init__(self, collection, modules):
        self.collection = collection
        self.modules = modules

    def _page(self, plugin):
        if plugin.type != 'module':
            return None
        if plugin.fqcn in self.modules:
            return '%s.md' % plugin.fqcn.split('.')[-1]
        if plugin.fqcn.startswith('ansible.builtin.'):
            return BUILTIN_URL % (plugin.fqcn.split('.')[-1], plugin.type)
        return None

    def plugin_link(self, plugin):
        return self._page(plugin)

    def plugin_option_like_link(self, plugin, entrypoint, what, name, current_plugin):
        anchor = '#%s-%s' % ('parameter' if what == 'option' else 'return', '/'.join(name))
        if current_plugin:
            return anchor
        page = self._page(plugin)
        if page is None or page.startswith('http'):
            return page
        return page + anchor


class Page(object):
    def __init__(self, fqcn, data, links):
        self.fqcn = fqcn
        self.doc = data['doc']
        self.examples = data.get('examples') or ''
        self.returns = data.get('return') or {}
        self.links = links
        self.context = Context(current_plugin=dom.PluginIdentifier(fqcn=fqcn, type='module'))

    def md(self, text, sep='\n\n'):
        """Markup (a string or a list of paragraphs) as Markdown; sep joins paragraphs (<br> inside tables)."""
        if text is None:
            return ''
        if isinstance(text, str):
            text = [text]
        paragraphs = parse(text, self.context, errors='exception')
        return to_md(paragraphs, formatter=FORMATTER, link_provider=self.links,
                     current_plugin=self.context.current_plugin, par_sep=sep).strip()

    def cell(self, text):
        return self.md(text, sep='<br><br>').replace('\n', ' ')

    def render(self):
        doc = self.doc
        out = []
        short = self.fqcn.split('.')[-1]
        out.append('# %s - %s' % (self.fqcn, self.md(doc.get('short_description'))))
        out.append('')
        out.append('<!-- Generated by scripts/build-docs.sh from plugins/modules/%s.py: do not edit. -->' % short)
        out.append('')
        facts = ['Module of the collection **%s**' % self.fqcn.rsplit('.', 1)[0]]
        if doc.get('version_added'):
            facts.append('new in version %s' % doc['version_added'])
        out.append(', '.join(facts) + '. In a playbook: `%s`.' % self.fqcn)
        if doc.get('has_action'):
            out.append('It has an action plugin: on a local connection it runs inside the controller.')
        out.append('')
        self.section(out, 'Synopsis', self.bullets(doc.get('description')))
        self.section(out, 'Requirements', self.bullets(doc.get('requirements')))
        self.section(out, 'Parameters', self.options_table(doc.get('options') or {}))
        self.section(out, 'Attributes', self.attributes_table(doc.get('attributes') or {}))
        self.section(out, 'Notes', self.bullets(doc.get('notes')))
        self.section(out, 'See also', self.seealso(doc.get('seealso') or []))
        if self.examples.strip():
            self.section(out, 'Examples', ['```yaml', self.examples.strip('\n'), '```'])
        self.section(out, 'Return values', self.returns_table(self.returns))
        authors = doc.get('author') or []
        if isinstance(authors, str):
            authors = [authors]
        self.section(out, 'Authors', ['- %s' % a for a in authors])
        return '\n'.join(out).rstrip('\n') + '\n'

    @staticmethod
    def section(out, title, lines):
        if lines:
            out.extend(['## %s' % title, ''] + list(lines) + [''])

    def bullets(self, items):
        if not items:
            return []
        if isinstance(items, str):
            items = [items]
        return ['- %s' % self.md(item).replace('\n', ' ') for item in items]

    def options_table(self, options):
        if not options:
            return []
        lines = ['| Parameter | Comments |', '|---|---|']
        self._option_rows(lines, options, [])
        return lines

    def _option_rows(self, lines, options, path):
        for name in sorted(options):
            spec = options[name]
            full = path + [name]
            kind = spec.get('type', 'str')
            if kind == 'list' and spec.get('elements'):
                kind = 'list / elements=%s' % spec['elements']
            label = '<a id="parameter-%s"></a>%s**%s**<br>`%s`' % (
                '/'.join(full), '&nbsp;&nbsp;' * len(path) + ('↳ ' if path else ''), name, kind)
            if spec.get('required'):
                label += ' / **required**'
            if spec.get('aliases'):
                label += '<br>aliases: %s' % ', '.join(spec['aliases'])
            comments = self.cell(spec.get('description'))
            extra = []
            if spec.get('choices'):
                choices = spec['choices']
                if isinstance(choices, dict):
                    choices = list(choices)
                extra.append('Choices: %s' % ', '.join(
                    '`%s`%s' % (_value(c), ' (default)' if c == spec.get('default') else '') for c in choices))
            if spec.get('default') is not None and not (spec.get('choices') and spec['default'] in spec['choices']):
                extra.append('Default: `%s`' % _value(spec['default']))
            if extra:
                comments = '<br><br>'.join([comments] + extra)
            lines.append('| %s | %s |' % (label, comments))
            if spec.get('suboptions'):
                self._option_rows(lines, spec['suboptions'], full)

    def attributes_table(self, attributes):
        if not attributes:
            return []
        lines = ['| Attribute | Support | Description |', '|---|---|---|']
        for name in sorted(attributes):
            spec = attributes[name]
            support = spec.get('support', '')
            details = self.cell(spec.get('details')) if spec.get('details') else ''
            if spec.get('membership'):
                members = spec['membership']
                if isinstance(members, str):
                    members = [members]
                details = ((details + '<br><br>') if details else '') + 'Action group: %s' % ', '.join(
                    '`%s`' % m for m in members)
            support_text = '**%s**' % support
            if details:
                support_text += '<br><br>' + details
            lines.append('| <a id="attribute-%s"></a>**%s** | %s | %s |' % (
                name, name, support_text, self.cell(spec.get('description'))))
        return lines

    def seealso(self, entries):
        lines = []
        for entry in entries:
            if 'module' in entry:
                plugin = dom.PluginIdentifier(fqcn=entry['module'], type='module')
                link = self.links.plugin_link(plugin)
                text = '[%s](%s)' % (entry['module'], link) if link else entry['module']
                if entry.get('description'):
                    text += ': ' + self.md(entry['description'])
                lines.append('- ' + text)
            elif 'link' in entry:
                lines.append('- [%s](%s)%s' % (entry.get('name', entry['link']), entry['link'],
                                               (': ' + self.md(entry['description'])) if entry.get('description') else ''))
            elif 'ref' in entry:
                lines.append('- %s%s' % (entry.get('name', entry['ref']),
                                         (': ' + self.md(entry['description'])) if entry.get('description') else ''))
        return lines

    def returns_table(self, returns):
        if not returns:
            return []
        lines = ['| Key | Description |', '|---|---|']
        self._return_rows(lines, returns, [])
        return lines

    def _return_rows(self, lines, returns, path):
        for name in sorted(returns):
            spec = returns[name]
            full = path + [name]
            kind = spec.get('type', '')
            if kind == 'list' and spec.get('elements'):
                kind = 'list / elements=%s' % spec['elements']
            label = '<a id="return-%s"></a>%s**%s**<br>`%s`' % (
                '/'.join(full), '&nbsp;&nbsp;' * len(path) + ('↳ ' if path else ''), name, kind)
            parts = [self.cell(spec.get('description'))]
            if spec.get('returned'):
                parts.append('Returned: %s' % self.cell(spec['returned']))
            if 'sample' in spec:
                parts.append('Sample: `%s`' % _value(spec['sample']))
            lines.append('| %s | %s |' % (label, '<br><br>'.join(parts)))
            if spec.get('contains'):
                self._return_rows(lines, spec['contains'], full)


def _value(value):
    if isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, sort_keys=True)
    return text.replace('|', '\\|').replace('`', "'")


def index_page(collection, summaries):
    lines = ['# %s modules' % collection, '',
             '<!-- Generated by scripts/build-docs.sh from the modules\' documentation: do not edit. -->', '',
             '| module | what it does |', '|---|---|']
    for fqcn in sorted(summaries):
        lines.append('| [%s](%s.md) | %s |' % (fqcn, fqcn.split('.')[-1], summaries[fqcn]))
    return '\n'.join(lines) + '\n'


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    collection, dest = argv[1], argv[2]
    summaries = ansible_doc('-t', 'module', '-l', collection)
    modules = sorted(summaries)
    if not modules:
        sys.stderr.write('ansible-doc finds no module of %s: is ANSIBLE_COLLECTIONS_PATH set?\n' % collection)
        return 1
    docs, missing = {}, []
    for fqcn in modules:
        try:
            docs[fqcn] = ansible_doc('-t', 'module', fqcn)[fqcn]
        except (subprocess.CalledProcessError, KeyError, ValueError):
            missing.append(fqcn)
    links = Links(collection, modules)
    if not os.path.isdir(dest):
        os.makedirs(dest)
    written = set()
    for fqcn in sorted(docs):
        name = '%s.md' % fqcn.split('.')[-1]
        with open(os.path.join(dest, name), 'w') as handle:
            handle.write(Page(fqcn, docs[fqcn], links).render())
        written.add(name)
    with open(os.path.join(dest, 'README.md'), 'w') as handle:
        handle.write(index_page(collection, summaries))
    written.add('README.md')
    kept = set('%s.md' % m.split('.')[-1] for m in missing)
    for stale in sorted(set(f for f in os.listdir(dest) if f.endswith('.md')) - written - kept):
        os.remove(os.path.join(dest, stale))
        print('removed %s (no such module any more)' % stale)
    print('wrote %d module page(s) and an index to %s' % (len(docs), dest))
    if missing:
        sys.stderr.write('FAILED: the documentation of %s cannot be read (ansible-doc says why, above); '
                         'their pages were not written\n' % ', '.join(missing))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
