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

import json
import time

from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._records import describe_keys
from ansible_collections.berriai.litellm.plugins.module_utils._secrets import SENT_SECRET
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


class NotKept(LiteLLMError):
    """A write the proxy accepted but did not keep as sent. `result` is the task's result, from the read-back."""

    def __init__(self, message, result):
        super(NotKept, self).__init__(message)
        self.result = result


class Reconciler(object):
    """Converge one object. `run()` returns the result dict; errors are raised as LiteLLMError/ParameterError."""

    kind = 'object'
    fields = {}          # managed fields: name -> compare kind
    view_fields = None   # fields shown in diffs (default: fields)
    id_field = None      # the proxy's id of the object
    records_class = None  # where records come from (a _records.Records subclass)
    in_metadata = ()     # fields LiteLLM keeps inside metadata: a carried-over metadata carries them
    reads_after_write = False  # apply_create/apply_update already return the object read back from the proxy
    verify_pauses = (0.5,)     # seconds between re-reads while the read-back differs (a proxy's cache settling)
    twins_read_whole = False   # twins_of() reads whole objects: after a create, that read is the read-back
    wait = staticmethod(time.sleep)
    # The items of a loop read the kind's list once instead of one request each (_records.Listing): kinds whose
    # list shows every field they compare (the export reads the same lists).
    list_in_loops = False

    def __init__(self, ctx, params, records=None):
        self.ctx = ctx
        self.client = ctx.client
        self.params = params
        self.check_mode = ctx.check_mode
        self.records = records if records is not None else self.records_class(ctx.client)
        if records is None and self.reads_list_in_loops():
            self.records.listing = ctx.cache.listing(self.kind).join()
        self.facts = {}  # result entries the hooks add (a secret, the keys deleted with a team...)
        self.unverified = None  # a write a bulk run verifies afterwards (verify_later)

    def reads_list_in_loops(self):
        """Whether this item may be answered from its loop's list (_records.Listing)."""
        return self.list_in_loops

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
        return self.verified(UPDATED, current, after, updated=updates, written=updates)

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
        return self.verified(outcome, before, after, reason=reason, written=body)

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
            return self.as_read(twins, created)
        kept = oldest(twins, self.id_field)
        if kept[self.id_field] == created[self.id_field]:
            return created
        self.apply_delete(created)
        return self.adopt_twin(kept, created)

    # -- verified writes: what the proxy holds after a write, never the plan --

    def verified(self, outcome, before, after, reason=None, updated=(), written=()):
        """finish() with the object as the proxy holds it after a write: read back (unless apply_* just did, or a
        bulk run reads every key afterwards) and compared with what the task asks. While a field differs it is read
        again after each of verify_pauses (a proxy's cache settling); a field still not kept raises NotKept."""
        if not self.records.verify_each:
            self.unverified = (outcome, before, after, reason, updated, written)  # for verify_later()
            return self.finish(outcome, before, after, reason, updated)
        stored = after if self.reads_after_write else self.reread(after)
        missed = self.not_kept(stored)
        for seconds in self.verify_pauses if missed != {} else ():
            self.wait(seconds)
            stored = self.reread(stored if stored is not None else after)
            missed = self.not_kept(stored)
            if missed == {}:
                break
        result = self.finish(outcome, before, stored if stored is not None else after, reason, updated)
        if missed != {}:
            raise NotKept(self.not_kept_message(outcome, missed, stored, written), result)
        return result

    def verify_later(self, stored, result):
        """A bulk run's check of its write, once every key has been read back: `result` becomes what the proxy
        holds (`stored`), or a failure naming what it did not keep."""
        outcome, before, after, reason, updated, written = self.unverified
        missed = self.not_kept(stored)
        result.update(self.finish(outcome, before, stored if stored is not None else after, reason, updated))
        if missed != {}:
            result.update(failed=True, outcome='failed', msg=self.not_kept_message(outcome, missed, stored, written))
        return result

    def not_kept(self, stored):
        """name -> (asked, stored) for each field the task asks that the proxy does not hold ({} when all are
        kept); None for an object the proxy no longer shows. Secrets (written, never read back: SENT_SECRET, or
        fields left out of view_fields) are not compared."""
        if stored is None:
            return None
        missed = {}
        readable = self.view_fields or self.fields
        for name, value in compare.changes(stored, self.wanted(stored), self.fields).items():
            if name not in readable:
                continue
            asked, held = without_sent_secrets(value, stored.get(name))
            if compare.normalise(asked, self.fields[name]) != compare.normalise(held, self.fields[name]):
                missed[name] = (asked, held)
        return missed

    def not_kept_message(self, outcome, missed, stored, written):
        fields = ', '.join(sorted(name for name in written if name in self.fields)) or 'nothing'
        done = '%s %s was %s (written: %s)' % (self.kind, self.label(), _VERBS[outcome][0], fields)
        version = self.ctx.proxy.describe()
        if missed is None:
            return '%s, but the proxy (%s) does not show it afterwards' % (done, version)
        names = sorted(missed)
        kept = '; '.join('%s: sent %s, stored %s' % (name, shown(missed[name][0]), shown(missed[name][1]))
                         for name in names)
        return ('%s, but %s did not keep %s (%s). The proxy holds the rest of what was written, and the result shows '
                'what it holds; a rerun would send the same again: leave %s out of the task, or use a LiteLLM that '
                'keeps it' % (done, version, ', '.join(names), kept, ', '.join(names)))

    def reread(self, record):
        """The object as the proxy holds it now (after a write), or None."""
        return self.records.get(record[self.id_field]) if record.get(self.id_field) else None

    def as_read(self, twins, created):
        """`created` as the look for twins read it, when that read shows the whole object (twins_read_whole): the
        read-back of verified() then needs no request of its own."""
        own = [twin for twin in twins if twin.get(self.id_field) == created.get(self.id_field)]
        if own and self.twins_read_whole:
            self.reads_after_write = True
            return own[0]
        return created

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


def without_sent_secrets(asked, held):
    """(asked, held) without the secrets the run sent (SENT_SECRET): the proxy never reads them back as written."""
    if not isinstance(asked, dict):
        return asked, held
    secret = [name for name, value in asked.items() if value == SENT_SECRET]
    asked = dict((name, value) for name, value in asked.items() if name not in secret)
    if isinstance(held, dict):
        held = dict((name, value) for name, value in held.items() if name not in secret)
    return asked, held


def shown(value):
    """A value as a failure message shows it: JSON-like, at most 200 characters."""
    try:
        text = json.dumps(value, sort_keys=True, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 200 else text[:197] + '...'


def oldest(records, id_field):
    """The oldest record, then the lowest id: the one racing runs all agree to keep."""
    return min(records, key=lambda r: (str(r.get('created_at') or ''), str(r.get(id_field) or '')))
