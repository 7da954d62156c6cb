# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One declaration per object (issue 21): each option of an object's module in one place, as _settings.SETTINGS
is for the team and key settings.

An Option says what the option is (its argspec entry), how the proxy's value compares (a compare kind of
_compare.normalise, or None for an option that is not a field of the object), whether `unlimited` may clear it,
whether litellm_export writes it (or why not), and where LiteLLM keeps it. A Declaration gathers an object's
options; the module's argspec, the Reconciler's compared fields, the result view, the `unlimited` choices, the
export's shape and the docs table (docs/objects.md, scripts/settings_table.py) all derive from it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import copy

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils import _secrets as secrets


class Option(collections.namedtuple('Option', 'name spec kind unlimited export field where')):
    """One option of an object's module.

    spec: its argspec entry. kind: its compare kind (_compare.normalise) when it is a field of the object; None for
    an identity-only option or a run option. unlimited: `unlimited` may clear it. export: True, or why
    litellm_export leaves it out (an option that is neither a field nor identity must say why). field: the name of
    the field in the record the Reconciler compares, when it is not the option's (`timeout` is a connection
    option, so MCP servers take server_timeout). where: where LiteLLM keeps it, for docs/objects.md (default:
    the field)."""

    __slots__ = ()

    def __new__(cls, name, spec, kind=None, unlimited=False, export=True, field=None, where=None):
        return super(Option, cls).__new__(cls, name, spec, kind, unlimited, export, field or name,
                                          where or field or name)


# Why the options every object may have are not exported (litellm_export).
STATE = Option('state', dict(type='str', default='present', choices=['present', 'absent']),
               export='an export holds the objects that exist')
UPDATE_SECRETS = Option('update_secrets', dict(type='str', default='on_create', choices=['on_create', 'always'],
                                               no_log=False),
                        export='a run option: when to send the write-only secrets')
UNLIMITED_WHY = 'an unset limit is left out (see the notes)'
PURGE_METADATA = Option('purge_metadata', dict(type='bool', default=False),
                        export='the exported metadata is the whole of it; applied, it is merged over what is there')


def budget_options():
    """The models, budget, limits and metadata that users, teams and keys share: the budget, its duration and the
    limits may be unlimited; purge_metadata goes with metadata."""
    return [
        Option('models', dict(type='list', elements='str'), 'list'),
        Option('max_budget', dict(type='float'), 'float', unlimited=True),
        Option('budget_duration', dict(type='str'), 'str', unlimited=True),
        Option('tpm_limit', dict(type='int'), 'int', unlimited=True),
        Option('rpm_limit', dict(type='int'), 'int', unlimited=True),
        Option('metadata', dict(type='dict'), 'dict'),
        PURGE_METADATA,
    ]


class Declaration(object):
    """An object's options, from which everything else about them derives.

    kind: how messages name the object ('credential'); export_kind: litellm_export's name of the kind
    ('credentials'), None when it is not exported; module: the module's FQCN; identity: the options that identify
    the object (exported first); options: the Options beside state (added here); references: the *_from option
    that names the object's secrets by reference (_secrets.REFERENCES), which brings update_secrets and
    secrets_variable too."""

    def __init__(self, kind, export_kind, module, identity, options, references=None):
        self.kind = kind
        self.export_kind = export_kind
        self.module = module
        self.identity = tuple(identity)
        self.references = references
        self.options = collections.OrderedDict((o.name, o) for o in [STATE] + list(options))
        if references:
            self.options['update_secrets'] = UPDATE_SECRETS
        for option in self.options.values():
            if option.kind is None and option.export is True and option.name not in self.identity:
                raise ValueError('%s: option %s is neither a field, nor identity, nor said why it is not exported'
                                 % (kind, option.name))

    # -- the module --

    def argspec(self):
        """The module's argument_spec: the connection options and option_spec()."""
        return dict(CONNECTION_ARGSPEC, **self.option_spec())

    def option_spec(self):
        """Every option's argspec entry, `unlimited` when some option can be unlimited, and the reference options
        (what an item of a bulk module takes)."""
        spec = dict((o.name, copy.deepcopy(o.spec)) for o in self.options.values())
        if self.unlimitable:
            spec['unlimited'] = dict(type='list', elements='str', choices=list(self.unlimitable))
        if self.references:
            spec.update(secrets.reference_argspec(self.references))
        return spec

    @property
    def unlimitable(self):
        """The `unlimited` choices: the options a task may clear."""
        return [o.name for o in self.options.values() if o.unlimited]

    # -- compare, results --

    @property
    def fields(self):
        """The proxy's field name -> compare kind of each field of the object (the Reconciler's `fields`)."""
        return dict((o.field, o.kind) for o in self.options.values() if o.kind)

    def requested(self, params):
        """The fields the task sets, by the proxy's names (options left out are not managed)."""
        return dict((o.field, params[o.name]) for o in self.options.values()
                    if o.kind and params.get(o.name) is not None)

    def view(self, record):
        """The fields of a record by the options' names, normalised (compare.view: the ownership marker hidden)."""
        stored = compare.view(record, self.fields)
        return dict((o.name, stored[o.field]) for o in self.options.values() if o.kind)

    def result(self, record, ids=None):
        """An object as its module returns it: its fields by option name, plus `ids` (default: the identity) as the
        record has them; {} for no object."""
        if record is None:
            return {}
        result = self.view(record)
        for name in self.identity if ids is None else ids:
            result.setdefault(name, record.get(name))
        return result

    # -- litellm_export --

    @property
    def exported(self):
        """Option name -> compare kind of each field litellm_export writes."""
        return dict((o.name, o.kind) for o in self.options.values() if o.kind and o.export is True)

    @property
    def not_exported(self):
        """Option name -> why litellm_export leaves it out."""
        why = dict((o.name, o.export) for o in self.options.values() if o.export is not True)
        if self.unlimitable:
            why['unlimited'] = UNLIMITED_WHY
        return why

    @property
    def secret_options(self):
        """The options that name the object's secrets by reference (exported so, never with the secret)."""
        return (self.references, 'secrets_variable') if self.references else ()

    def exported_record(self, record):
        """A proxy record with each exported field under its option's name."""
        return dict(record, **dict((o.name, record.get(o.field)) for o in self.options.values()
                                   if o.kind and o.field != o.name))

    # -- the docs table --

    def rows(self):
        """(option, compare kind, unlimited, exported, where LiteLLM keeps it) of each option, for docs/objects.md."""
        for option in self.options.values():
            if option.kind is None and option.name not in self.identity:
                continue
            yield (option.name, option.kind or 'identity', 'yes' if option.unlimited else '',
                   'yes' if option.export is True else 'no: %s' % option.export, option.where)
