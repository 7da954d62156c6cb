# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one converge cycle every object of the collection goes through.

    run: validate -> prepare -> look_up -> (absent) delete | (present) create / recreate / update / nothing
         -> result: changed, msg, outcome, recreate_reason, diff, plus the object's own result fields

An object is a subclass that declares its fields (name -> compare kind, see _compare.normalise), its kind
('team'), its id field, the Records class it reads through, and overrides the small hooks below that are
specific to it. Nothing here imports AnsibleModule: the logic runs in a module or in the controller.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._records import describe_keys
from ansible_collections.berriai.litellm.plugins.module_utils._settings import check_version

UNCHANGED = 'unchanged'
CREATED = 'created'
UPDATED = 'updated'
RECREATED = 'recreated'
DELETED = 'deleted'
OUTCOMES = (CREATED, UPDATED, RECREATED, DELETED, UNCHANGED)

# What the result's msg says, done and (check mode) planned.
_VERBS = {
    CREATED: ('created', 'would be created'),
    UPDATED: ('updated', 'would be updated'),
    RECREATED: ('recreated', 'would be recreated'),
    DELETED: ('deleted', 'would be deleted'),
}


class Gone(Exception):
    """Raised by apply_update when the proxy confirms the object vanished while we updated it."""

    def __init__(self, record, status):
        super(Gone, self).__init__('gone')
        self.record = record
        self.status = status


class Reconciler(object):
    """Converge one object. `run()` returns the result dict; errors are raised as LiteLLMError/ParameterError."""

    kind = 'object'
    fields = {}          # managed fields: name -> compare kind
    view_fields = None   # fields shown in diffs (default: fields)
    id_field = None      # the proxy's id of the object
    records_class = None  # where records come from (a _records.Records subclass)
    in_metadata = ()     # fields LiteLLM keeps inside metadata: a carried-over metadata carries them

    def __init__(self, ctx, params, records=None):
        self.ctx = ctx
        self.client = ctx.client
        self.params = params
        self.check_mode = ctx.check_mode
        self.records = records if records is not None else self.records_class(ctx.client)
        self.facts = {}  # result entries the hooks add (a secret, the keys deleted with a team...)

    # -- the cycle --

    def run(self):
        self.validate()
        self.prepare()
        current = self.look_up()
        if self.params.get('state', 'present') == 'absent':
            return self.converge_absent(current)
        return self.converge_present(current)

    def converge_present(self, current):
        if current is None:
            return self.missing()
        reason = self.recreate_reason(current)
        if reason:
            return self.recreate(current, reason)
        updates = compare.changes(current, self.wanted(current), self.fields)
        if not updates:
            return self.finish(UNCHANGED, current, current)
        self.check_before_write(updates)
        if self.check_mode:
            return self.finish(UPDATED, current, compare.planned(current, updates), updated=updates)
        try:
            after = self.apply_update(current, updates)
        except Gone as gone:
            return self.recreate(gone.record, 'missing', gone=True, status=gone.status)
        return self.finish(UPDATED, current, after, updated=updates)

    def converge_absent(self, current):
        if current is None:
            return self.finish(UNCHANGED, None, None)
        self.before_delete(current)
        if not self.check_mode:
            self.apply_delete(current)
        return self.finish(DELETED, current, None)

    def missing(self):
        """present, and the look-up found nothing: create it."""
        return self.create()

    def create(self, base=None, reason=None, before=None):
        """Create the object (from `base`'s settings when it replaces one, `reason` telling why)."""
        body = self.create_body(base)
        self.check_before_write(body)
        outcome = RECREATED if reason else CREATED
        if self.check_mode:
            return self.finish(outcome, before, self.predicted(body), reason=reason)
        try:
            after = self.apply_create(body)
        except LiteLLMError as exc:
            # Most often another run created the object since we looked: converge that one instead.
            raced = self.created_meanwhile(exc, body)
            if raced is None:
                raise
            self.ctx.warn('%s %s was created by another run at the same time (the proxy answered: %s); this run '
                          'converged that %s instead'
                          % (self.kind, self.label(), exc.proxy_message or exc.status, self.kind))
            result = self.converge_present(raced)
            if reason:
                result.update(changed=True, outcome=RECREATED, recreated=True, recreate_reason=reason,
                              msg=self.message(RECREATED))
            return result
        if self.records.recheck_after_create and not reason:
            # (a recreate keeps the identity it replaces; only a first create can race another run's)
            after = self.settle_twins(after)
        return self.finish(outcome, before, after, reason=reason)

    def recreate(self, current, reason, gone=False, status=None):
        """Delete `current` (unless already gone) and create it again, carrying its settings over."""
        if not gone:
            self.check_before_write(self.create_body(current))  # before the delete
        self.ctx.warn(self.recreate_warning(current, reason, status))
        if not gone and not self.check_mode:
            self.apply_delete(current)
        return self.create(base=current, reason=reason, before=None if gone else current)

    def settle_twins(self, created):
        """Racing runs can each create the object (LiteLLM checks uniqueness in the application, or not at all).

        Every run that created one looks again: the oldest (then the lowest id) is kept, and a run whose own copy
        is not that one deletes it and converges the kept one.
        """
        twins = self.twins_of(created)
        if len(twins) <= 1:
            return created
        kept = oldest(twins, self.id_field)
        if kept[self.id_field] == created[self.id_field]:
            return created
        self.apply_delete(created)
        return self.adopt_twin(kept, created)

    # -- what the task asks for --

    def wanted(self, current):
        """The managed fields the task sets, in the form they are sent."""
        wanted = compare.requested(self.params, self.fields, self.params.get('unlimited'))
        if 'metadata' in self.fields and ('metadata' in wanted or self.params.get('purge_metadata')):
            # purge_metadata without metadata empties it (LiteLLM's own entries aside), as documented.
            wanted['metadata'] = compare.merge_metadata((current or {}).get('metadata'), wanted.get('metadata'),
                                                        self.params.get('purge_metadata'))
        return wanted

    def create_body(self, base=None):
        """What to create: the task's fields over the settings of `base` (the object it replaces), if any."""
        wanted = self.wanted(base)
        metadata_sent = 'metadata' in wanted or bool((base or {}).get('metadata'))
        body = {}
        for name in self.fields:
            if name in wanted:
                value = wanted[name]
            else:
                value = (base or {}).get(name)
                if value in ([], {}) or name in self.in_metadata and metadata_sent:
                    continue  # an empty setting, or one its carried-over metadata holds, needs no sending
            if value is not None:
                body[name] = value
        return body

    def predicted(self, body):
        """The object check mode predicts for a create body."""
        record = dict(body)
        record.setdefault(self.id_field, self.params.get(self.id_field))
        return record

    # -- results --

    def finish(self, outcome, before, after, reason=None, updated=()):
        result = {
            'changed': outcome != UNCHANGED,
            'msg': self.message(outcome, updated),
            'outcome': outcome,
            'recreated': outcome == RECREATED,
            'recreate_reason': reason,
            'diff': self.diff(before, after),
        }
        result.update(self.result_fields(before, after))
        return result

    def diff(self, before, after):
        """The result's diff: the view fields before and after."""
        return compare.diff(before, after, self.view_fields or self.fields)

    def message(self, outcome, updated=()):
        if outcome == UNCHANGED:
            return '%s is %s' % (self.kind, 'absent' if self.params.get('state') == 'absent' else 'as requested')
        text = '%s %s' % (self.kind, _VERBS[outcome][1 if self.check_mode else 0])
        if updated:
            text += ': ' + ', '.join(sorted(updated))
        return text

    def warn_keys_going(self, what, verb, labels):
        """Record `labels` (the keys LiteLLM deletes with the object) as deleted_keys and, when there are some,
        warn: "<what> was <verb> and its N key(s) went with it: ..." (in check mode: would be, would go)."""
        self.facts['deleted_keys'] = labels
        if labels:
            self.ctx.warn('%s %s %s and %s' % (what, self.tense('was', 'would be'), verb,
                                               describe_keys(labels, self.check_mode)))

    def tense(self, done, planned):
        """`done` after a real run, `planned` in check mode (nothing has happened then)."""
        return planned if self.check_mode else done

    # -- hooks: what is specific to an object --

    def validate(self):
        """Raise ParameterError for bad input, before any request."""

    def prepare(self):
        """Reads the task needs before the look-up (a team alias to resolve...)."""

    def look_up(self):
        """The object this task manages, or None."""
        raise NotImplementedError

    def label(self):
        """How messages name the object."""
        return repr(self.params.get(self.id_field))

    def recreate_reason(self, current):
        """Why `current` must be deleted and created again instead of updated, or None."""
        return None

    def recreate_warning(self, current, reason, status=None):
        return '%s %s was recreated (%s)' % (self.kind, self.label(), reason)

    def check_before_write(self, fields):
        """What every write passes first (check mode too): the detected LiteLLM version can keep what `fields` (a
        create body or the updates) set (_settings.VERSION_LIMITS), and the object's own check_write."""
        check_version(self.ctx, fields, self.kind)
        self.check_write(fields)

    def check_write(self, fields):
        """Raise before any write when the proxy cannot take `fields` (a create body or the updates): a setting
        that needs a licence it lacks, say. Check mode fails the same way."""

    def apply_create(self, body):
        """Send the create; return the object as it stands afterwards."""
        raise NotImplementedError

    def apply_update(self, current, updates):
        """Send the update; return the object as it stands afterwards (raise Gone if it vanished)."""
        raise NotImplementedError

    def apply_delete(self, record):
        raise NotImplementedError

    def before_delete(self, current):
        """Warn about what goes with the object (state absent)."""

    def created_meanwhile(self, error, body):
        """After a refused create: the object another run created meanwhile, or None (the refusal stands)."""
        return None

    def twins_of(self, created):
        """Objects that are the same one as `created` (same unique alias), made by racing runs."""
        return []

    def adopt_twin(self, kept, own):
        """Our copy `own` was deleted in favour of the older `kept`: converge and return `kept`."""
        return kept

    def result_fields(self, before, after):
        """The object's own result entries (the object as it stands, its ids...)."""
        return {}


def oldest(records, id_field):
    """The oldest record, then the lowest id: the one racing runs all agree to keep."""
    return min(records, key=lambda r: (str(r.get('created_at') or ''), str(r.get(id_field) or '')))
