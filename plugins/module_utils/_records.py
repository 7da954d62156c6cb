# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where the reconcilers' records come from: the proxy, read when asked, or a snapshot read beforehand.

A reconciler is given one Records object and reads only through it, so the bulk module's prefetched index
(KeySnapshot) and live reads (KeyRecords) serve the same code. Every read of teams and keys lives here,
shared by the reconcilers, the bulk module and the _info modules.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import threading

from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError
from ansible_collections.berriai.litellm.plugins.module_utils._settings import lift


class Records(object):
    """Live reads from the proxy."""

    # After a create, look again for twins made by racing runs (a snapshot's single run does not race itself,
    # and a 1,000-key bulk create stays one request per key).
    recheck_after_create = True
    # After a write, read the object back and compare (Reconciler.verified); a snapshot's bulk run reads every
    # key once afterwards instead (one paged read, not one per key).
    verify_each = True

    # The loop's Listing (attached by the Reconciler on the fast path, see Listing), or None: every read is live.
    listing = None

    def __init__(self, client):
        self.client = client

    def fresh(self):
        """Records that see the proxy as it is now (after a refused create, say)."""
        return self

    def from_listing(self, identity):
        """The records the loop's list holds under `identity` (a list, empty when it has none), or None when the
        object is to be read live: no list, the list not worth reading yet, this identity asked before, or this item
        has sent a write (what it reads then, a read-back, a look for twins, is never answered from the list)."""
        if self.listing is None or any(method not in ('GET', 'HEAD') for method in getattr(self.client, 'counts', {})):
            return None
        return self.listing.find(identity, self)

    def live(self):
        """These records reading every object from the proxy (for what the list does not show)."""
        records = copy.copy(self)
        records.listing = None
        return records

    def list_page(self, page):
        """(records of page `page` of the kind's list, the number of pages): for kinds a loop reads as a list."""
        raise NotImplementedError

    @staticmethod
    def listed_as(record):
        """The identities the kind's list is indexed by: (field, value) pairs, as from_listing() is asked."""
        raise NotImplementedError


class Listing(object):
    """Every object of one kind, read as one list for the items of a loop instead of one request per item.

    The fast path keeps one RunCache for all the items of a task (plugin_utils/_fast_path.py), so a loop over 20
    users asks for them one after another through the same Listing. The first item reads its object alone; from
    the second on, the list is read once when it takes no more pages than the items so far (at worst about twice
    the requests of reading each alone, and one request for a loop over a small proxy). Only the first read of each
    identity may come from the list, and none after the item sent a write: a read-back, a look for racing twins,
    another item naming the same object go to the proxy, so a write is never checked against the list, and a task
    on one object never reads a list."""

    def __init__(self):
        self.items = 0       # items of the loop so far (join())
        self.asked = set()   # identities asked so far
        self.pages = None    # pages the list takes, once the first was read
        self.index = None    # identity -> [records], once read

    def join(self):
        """One more item of the loop reads through this Listing (a Reconciler's records)."""
        self.items += 1
        return self

    def find(self, identity, records):
        if identity in self.asked:
            return None
        self.asked.add(identity)
        if not self.ready(records):
            return None
        return list(self.index.get(identity, ()))

    def ready(self, records):
        if self.index is not None:
            return True
        if self.items < 2:
            return False
        if self.pages is None:
            first, self.pages = records.list_page(1)
            if self.pages > 1:
                return False
            return self.indexed(records, first)
        if self.items <= self.pages:
            return False
        every, page, pages = [], 1, self.pages
        while page <= pages:
            batch, pages = records.list_page(page)
            every.extend(batch)
            if not batch:
                break
            page += 1
        return self.indexed(records, every)

    def indexed(self, records, every):
        self.index = {}
        for record in every:
            for identity in records.listed_as(record):
                self.index.setdefault(identity, []).append(record)
        return True


# -- teams --

class TeamNotFound(LiteLLMError):
    """No team has the alias or id a task names (the proxy answered; nothing failed on the way)."""


# Characters the proxy's team_alias search cannot match (measured on 1.108.7: a backslash finds nothing).
_UNSEARCHABLE = ('\\',)


def read_team_info(client, team_id):
    """The /team/info answer of a team (team_info, keys, team_memberships): the one reader of it, for the team,
    its members and the export. None when the proxy has no such team (404, or an answer without team_info)."""
    body = client.get('/team/info', params={'team_id': team_id}, missing_ok=True)
    return body if isinstance(body, dict) and body.get('team_info') else None


def unlisted_settings(team):
    """Whether a team read from /v2/team/list has settings the list does not show (a member budget, an object
    permission: it answers their ids only)."""
    return bool((team.get('metadata') or {}).get('team_member_budget_id') or team.get('object_permission_id'))


class TeamRecords(Records):

    def get(self, team_id):
        """The team with this id, with its `keys` (without them when a loop's list answers), or None."""
        listed = self.from_listing(('team_id', team_id))
        if listed is not None and not any(unlisted_settings(team) for team in listed):
            return listed[0] if listed else None
        body = read_team_info(self.client, team_id)
        if body is None:
            return None
        record = lift(body.get('team_info') or {}, 'team')
        record['keys'] = body.get('keys') or []
        return record

    # Sorted by the unique id, so the pages follow one fixed order (the default, created_at, can tie).
    LIST_ORDER = {'sort_by': 'team_id', 'sort_order': 'asc'}

    def all(self):
        return self.client.paged('/v2/team/list', self.LIST_ORDER, 'teams', size_param='page_size')

    def list_page(self, page):
        teams, pages = self.client.page('/v2/team/list', self.LIST_ORDER, 'teams', page, size_param='page_size')
        return [lift(team, 'team') for team in teams if isinstance(team, dict)], pages

    @staticmethod
    def listed_as(record):
        return [('team_id', record.get('team_id')), ('team_alias', record.get('team_alias'))]

    def with_alias(self, alias):
        """Every team whose alias is exactly `alias` (LiteLLM does not keep aliases unique)."""
        listed = self.from_listing(('team_alias', alias))
        if listed is not None:
            return listed
        if any(char in alias for char in _UNSEARCHABLE):
            teams = self.all()
        else:
            teams = self.client.paged('/v2/team/list', {'team_alias': alias}, 'teams', size_param='page_size')
        return [lift(team, 'team') for team in teams if team.get('team_alias') == alias]

    def id_for_alias(self, alias, cache):
        """The id of the one team called `alias` (cached in `cache` for the run); a clear error for none or several."""
        if alias in cache:
            return cache[alias]
        teams = self.with_alias(alias)
        if not teams:
            raise TeamNotFound('no team has the alias %r: create it first (berriai.litellm.litellm_team) or give '
                               'team_id' % alias)
        cache[alias] = one_team(teams, alias)['team_id']
        return cache[alias]

    def key_labels(self, team):
        """Aliases (or masked names) of the keys a team holds: they are deleted with it."""
        keys = team.get('keys')
        if keys is None:
            keys = KeyRecords(self.client).list(team_id=team['team_id'])
        return key_labels(keys)


def one_team(teams, alias, advice='give team_id to choose one'):
    """The one team of `teams` (all called `alias`), or None. Several fail, naming their ids."""
    if len(teams) > 1:
        raise LiteLLMError('%d teams have the alias %r (ids: %s): %s'
                           % (len(teams), alias, ', '.join(sorted(t['team_id'] for t in teams)), advice))
    return teams[0] if teams else None


def team_id_for_alias(ctx, alias):
    """The id of the one team called `alias`, through the run's cache (a loop looks each alias up once)."""
    return TeamRecords(ctx.client).id_for_alias(alias, ctx.team_ids)


def describe_keys(aliases, check_mode=False):
    """What went (or would go) with an object that held these keys: their number and the first 20 names."""
    if not aliases:
        return 'it held no keys'
    shown = ', '.join(aliases[:20])
    if len(aliases) > 20:
        shown += ' and %d more (see deleted_keys)' % (len(aliases) - 20)
    return 'its %d key(s) %s with it: %s' % (len(aliases), 'would go' if check_mode else 'went', shown)


def key_label(key):
    if isinstance(key, dict):
        return key.get('key_alias') or key.get('key_name') or '(no alias)'
    return '(no alias)'


def key_labels(keys):
    """The labels of `keys` (aliases, or masked names), sorted: how warnings and deleted_keys name them."""
    return sorted(key_label(k) for k in keys or [])


def unique(records, id_field):
    """Records without repeats. The proxy pages by offset, so a write by someone else between two page reads
    can shift a record onto the next page as well."""
    seen = set()
    kept = []
    for record in records:
        if record.get(id_field) not in seen:
            seen.add(record.get(id_field))
            kept.append(record)
    return kept


# -- keys --

class KeyRecords(Records):

    def get(self, token):
        """(the live key with this token or None, the deleted record when the proxy reports it as deleted)."""
        body = self.client.get('/key/info', params={'key': token}, missing_ok=True)
        if body is None:
            return None, None
        info = body.get('info') or {}
        if info.get('object_permission_id') and not info.get('object_permission') and info.get('status') != 'deleted':
            info = dict(info, object_permission=(self.whole(token) or {}).get('object_permission'))
        record = lift(info, 'key')
        record['token'] = token
        if record.get('status') == 'deleted':
            return None, record
        return record, None

    def whole(self, token):
        """The live key with this token as /key/list gives it, or None. LiteLLM 1.80's /key/info leaves a key's object
        permission out (only its id; measured on 1.80.17): there it is read this way, one request more only for a key
        that has an object permission. (Its /key/list in turn leaves out budget_id and the budget: see
        KeyReconciler.budget_left_out.)"""
        params = {'key_hash': token, 'return_full_object': 'true', 'page': 1, 'size': 1}
        body = self.client.get('/key/list', params=params, missing_ok=True)
        keys = (body or {}).get('keys') if isinstance(body, dict) else None
        found = [k for k in keys or [] if isinstance(k, dict) and k.get('token') == token]
        return found[0] if found else None

    @staticmethod
    def lacks_budget(record):
        """Whether `record`, read from /key/list, lacks the key's budget: LiteLLM 1.80's list leaves budget_id and
        litellm_budget_table out (measured on 1.80.17); 1.108's has budget_id, null without a budget."""
        return record is not None and 'budget_id' not in record

    def with_budget(self, record):
        """`record`, read from /key/list, with the budget LiteLLM 1.80's list leaves out (budget_id and the budget's
        soft_budget), read from /key/info: one request, only for a record that lacks it."""
        if not self.lacks_budget(record):
            return record
        body = self.client.get('/key/info', params={'key': record['token']}, missing_ok=True)
        info = (body or {}).get('info') if isinstance(body, dict) else None
        if not isinstance(info, dict):
            return record
        budget = info.get('litellm_budget_table')
        return dict(record, budget_id=info.get('budget_id') or None, litellm_budget_table=budget,
                    soft_budget=budget.get('soft_budget') if isinstance(budget, dict) else None)

    def list(self, deleted=False, **filters):
        """Full key records from every page of /key/list (the live keys, or the deleted ones), filtered by the
        proxy on the given key_alias / team_id."""
        params = dict((name, value) for name, value in filters.items() if value)
        params['return_full_object'] = 'true'
        if deleted:
            params['status'] = 'deleted'
        return [lift(k, 'key') for k in self.client.paged('/key/list', params, 'keys') if isinstance(k, dict)]

    def with_alias(self, alias):
        listed = self.from_listing(('key_alias', alias))
        if listed is not None:
            return listed
        return [k for k in self.list(key_alias=alias) if k.get('key_alias') == alias]

    def list_page(self, page):
        keys, pages = self.client.page('/key/list', {'return_full_object': 'true'}, 'keys', page)
        return [lift(k, 'key') for k in keys if isinstance(k, dict)], pages

    @staticmethod
    def listed_as(record):
        return [('key_alias', record.get('key_alias'))]

    def deleted_with_alias(self, alias, team_id=None):
        """Deleted keys with this alias, in team `team_id` when it is given (a key deleted with another team is
        not this one's archive): the same rule as KeySnapshot's."""
        return archived_as(self.list(deleted=True, key_alias=alias), alias, team_id)


def archived_as(archive, alias, team_id=None):
    """The deleted keys of `archive` with this alias, and in team `team_id` when it is given."""
    return [k for k in archive if k.get('key_alias') == alias and (not team_id or k.get('team_id') == team_id)]


class KeySnapshot(KeyRecords):
    """Every live key, read once with paged /key/list calls; deleted keys read per team on demand."""

    recheck_after_create = False
    verify_each = False

    def __init__(self, client):
        super(KeySnapshot, self).__init__(client)
        self.by_token = dict((k['token'], k) for k in self.list() if k.get('token'))
        self.by_alias = {}
        for record in self.by_token.values():
            if record.get('key_alias'):
                self.by_alias.setdefault(record['key_alias'], []).append(record)
        self._archives = {}
        self._lock = threading.Lock()

    def fresh(self):
        return KeyRecords(self.client)

    def get(self, token):
        return self.by_token.get(token), None

    def with_alias(self, alias):
        return list(self.by_alias.get(alias, []))

    def deleted_with_alias(self, alias, team_id=None):
        """Deleted keys with this alias: one paged read per team (or per alias for keys without a team)."""
        scope = {'team_id': team_id} if team_id else {'key_alias': alias}
        with self._lock:
            archive = self._archives.get(tuple(scope.items()))
            if archive is None:
                archive = self._archives[tuple(scope.items())] = self.list(deleted=True, **scope)
        return archived_as(archive, alias, team_id)
