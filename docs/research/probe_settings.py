"""Probe how a LiteLLM proxy stores, updates and validates the team and key settings beyond budgets.

Reproduces the key facts of docs/research/settings-probe.md against a real proxy (written for 1.108.7,
open source, no licence, master key) and prints one line per fact: OK when the proxy behaves as the
table says, DIFF (with what it answered) when it does not. Exit status 1 if any DIFF.

    LITELLM_API_BASE=http://127.0.0.1:4000 LITELLM_API_KEY=sk-1234 python3 docs/research/probe_settings.py

Every object it creates has a `probe-` prefix (keys, teams, a budget, an MCP server) and is deleted at the
end. Two things cannot be deleted through the API and stay behind: the budget rows that `soft_budget` on a
key and `team_member_*` on a team create, and the model-alias rows of `model_aliases` (LiteLLM_ModelTable).

PROBE_LIST_POISON=1 also runs the check that `/key/update {metadata: null}` makes
`/key/list?return_full_object=true` answer 500 for every caller until the key is repaired (a few hundred
milliseconds here); it is off by default because it briefly breaks that list for everyone on the proxy.
"""

import json
import os
import sys
import uuid

import requests

BASE = os.environ.get('LITELLM_API_BASE', 'http://127.0.0.1:4000').rstrip('/')
KEY = os.environ.get('LITELLM_API_KEY', 'sk-1234')
RUN = uuid.uuid4().hex[:6]
S = requests.Session()
S.headers['Authorization'] = 'Bearer ' + KEY
DIFFS = []
TEAMS, KEYS = [], []


def call(method, path, body=None, params=None):
    r = S.request(method, BASE + path, json=body, params=params, timeout=60)
    try:
        return r.status_code, r.json()
    except ValueError:
        return r.status_code, r.text


def message(answer):
    if isinstance(answer, dict) and isinstance(answer.get('error'), dict):
        return str(answer['error'].get('message'))
    if isinstance(answer, dict) and 'detail' in answer:
        return json.dumps(answer['detail'])
    return json.dumps(answer)[:300]


def check(label, got, want):
    ok = got == want if not callable(want) else want(got)
    if not ok:
        DIFFS.append(label)
    shown = json.dumps(got, default=str)
    print(
        f"{'OK  ' if ok else 'DIFF'} {label}: {shown[:260]}"
        + ('' if ok or callable(want) else f"  (table says {json.dumps(want)})")
    )


def name(suffix):
    return f'probe-{RUN}-{suffix}'


def gen(suffix, **body):
    status, ans = call('POST', '/key/generate', dict(key_alias=name(suffix), **body))
    if status == 200:
        KEYS.append(ans['token'])
        return status, ans, ans['token']
    return status, ans, None


def key_info(token):
    return call('GET', '/key/info', params={'key': token})[1]['info']


def key_update(token, **body):
    status, ans = call('POST', '/key/update', dict(key=token, **body))
    return status, ans, key_info(token)


def key_in_list(token, alias):
    status, ans = call('GET', '/key/list', params={'key_alias': alias, 'return_full_object': 'true'})
    return next(k for k in ans['keys'] if k['token'] == token)


def new_team(suffix, **body):
    tid = name(suffix)
    status, ans = call('POST', '/team/new', dict(team_id=tid, team_alias=tid, **body))
    if status == 200:
        TEAMS.append(tid)
    return status, ans, tid


def team_info(tid):
    return call('GET', '/team/info', params={'team_id': tid})[1]['team_info']


def team_update(tid, **body):
    status, ans = call('POST', '/team/update', dict(team_id=tid, **body))
    return status, ans, team_info(tid)


def team_in_v2_list(tid):
    return call('GET', '/v2/team/list', params={'team_id': tid})[1]['teams'][0]


def licence(field):
    return lambda got: got[0] == 403 and f'Enterprise users: {field}.' in got[1]


def keys_section():
    print('== keys: accepted on create, where stored ==')
    _code, _body, t = gen(
        'aliases',
        aliases={'tiny': 'fake', 'b': 'fake-2'},
        config={'x': 1},
        allowed_cache_controls=['no-store', 'no-cache'],
        allowed_routes=['llm_api_routes', '/key/info'],
    )
    i = key_info(t)
    check('key aliases top level, as sent', i['aliases'], {'tiny': 'fake', 'b': 'fake-2'})
    check('key config top level', i['config'], {'x': 1})
    check('key allowed_cache_controls top level, order kept', i['allowed_cache_controls'], ['no-store', 'no-cache'])
    check('key allowed_routes top level, order kept', i['allowed_routes'], ['llm_api_routes', '/key/info'])

    status, ans, t = gen('perm', permissions={'allow_pii_controls': True})
    check('key permissions top level', key_info(t)['permissions'], {'allow_pii_controls': True})
    status, ans, _tok = gen('perm-spend', permissions={'get_spend_routes': False})
    check(
        'key permissions naming get_spend_routes -> 500 opaque (licence, even with false)',
        (status, message(ans)),
        (500, "{'error': 'Internal Server Error.'}"),
    )

    _code, _body, t = gen(
        'meta',
        metadata={'owner': 'x'},
        model_rpm_limit={'fake': 7},
        model_tpm_limit={'fake': 700},
        enforced_params=['user'],
        rpm_limit_type='best_effort_throughput',
        tpm_limit_type='dynamic',
        tags=[],
        guardrails=[],
        allowed_passthrough_routes=[],
    )
    i = key_info(t)
    check(
        'key model_rpm_limit etc. folded into metadata, top level null',
        (i['metadata'], i.get('model_rpm_limit')),
        (
            {
                'owner': 'x',
                'model_rpm_limit': {'fake': 7},
                'model_tpm_limit': {'fake': 700},
                'enforced_params': ['user'],
                'rpm_limit_type': 'best_effort_throughput',
                'tpm_limit_type': 'dynamic',
                'tags': [],
                'guardrails': [],
                'allowed_passthrough_routes': [],
            },
            None,
        ),
    )
    check('/key/list full object carries the same metadata', key_in_list(t, name('meta'))['metadata'], i['metadata'])
    meta_token = t

    for field, value in (('tags', ['a']), ('guardrails', ['g1']), ('allowed_passthrough_routes', ['/anthropic'])):
        status, ans, _tok = gen('ee-' + field, **{field: value})
        check(f'key {field} non-empty on create -> 403 licence', (status, message(ans)), licence(field))
    status, ans, _tok = gen('ee-mmb', model_max_budget={'fake': {'budget_limit': 1, 'time_period': '1d'}})
    check(
        'key model_max_budget non-empty -> 500 licence',
        (status, message(ans)),
        lambda g: g[0] == 500 and 'You must have an enterprise license to set model_max_budget' in g[1],
    )
    _code, _body, t = gen('mmb-empty', model_max_budget={})
    check('key model_max_budget {} accepted', key_info(t)['model_max_budget'], {})

    _code, _body, t = gen('soft', soft_budget=7)
    i = key_info(t)
    li = key_in_list(t, name('soft'))
    check(
        'key soft_budget -> new budget row, litellm_budget_table.soft_budget float',
        (i['budget_id'] is not None, i['litellm_budget_table']['soft_budget'], 'soft_budget' in i),
        (True, 7.0, False),
    )
    check(
        '/key/list: top-level soft_budget null, value only in litellm_budget_table',
        (li['soft_budget'], li['litellm_budget_table']['soft_budget']),
        (None, 7.0),
    )
    soft_token = t

    bid = name('budget')
    call('POST', '/budget/new', {'budget_id': bid, 'max_budget': 3})
    _code, _body, t = gen('bid', budget_id=bid)
    check(
        'key budget_id top level + litellm_budget_table',
        (key_info(t)['budget_id'], key_info(t)['litellm_budget_table']['max_budget']),
        (bid, 3.0),
    )
    _code, _body, t = gen('bid-soft', budget_id=bid, soft_budget=5)
    check(
        'key budget_id + soft_budget on create: budget_id IGNORED, a new budget row',
        key_info(t)['budget_id'] != bid,
        True,
    )
    status, ans, _tok = gen('bid-missing', budget_id=name('no-such-budget'))
    check('key unknown budget_id -> 500 opaque', (status, message(ans)), (500, "{'error': 'Internal Server Error.'}"))

    _code, _body, t = gen('ktype', key_type='read_only', allowed_routes=['llm_api_routes'])
    i = key_info(t)
    check(
        'key key_type read_only -> allowed_routes replaced by [info_routes]',
        (i['key_type'], i['allowed_routes']),
        ('read_only', ['info_routes']),
    )
    for kt, routes in (('llm_api', ['llm_api_routes']), ('management', ['management_routes']), ('default', [])):
        _code, _body, t = gen('ktype-' + kt, key_type=kt)
        check(f'key key_type {kt} -> allowed_routes', key_info(t)['allowed_routes'], routes)
    _code, _body, t = gen('ktype-null', key_type=None)
    check('key key_type null on create -> stored null (default is "default")', key_info(t)['key_type'], None)
    status, ans, _tok = gen('ktype-bad', key_type='bogus')
    check('key key_type bogus -> 422', status, 422)
    ktype_token = t

    _code, _body, t = gen('rot', auto_rotate=True, rotation_interval='30d')
    i = key_info(t)
    check(
        'key auto_rotate+rotation_interval -> key_rotation_at set',
        (i['auto_rotate'], i['rotation_interval'], i['key_rotation_at'] is not None),
        (True, '30d', True),
    )
    _code, _body, t = gen('rot-noint', auto_rotate=True)
    check('key auto_rotate without rotation_interval -> silently auto_rotate false', key_info(t)['auto_rotate'], False)
    _code, _body, t = gen('rot-only-int', rotation_interval='30d')
    check('key rotation_interval without auto_rotate -> silently dropped', key_info(t)['rotation_interval'], None)
    rot_token = t
    status, ans, _tok = gen('rot-bad', auto_rotate=True, rotation_interval='forever')
    check('key rotation_interval bogus on create -> 500 opaque', status, 500)

    _code, _body, t = gen(
        'op', object_permission={'models': ['fake-2', 'fake'], 'vector_stores': ['vs1'], 'agents': ['a1']}
    )
    i = key_info(t)
    op = i['object_permission']
    check(
        'key object_permission: separate row, object_permission_id, unsent lists [] and mcp_tool_permissions null',
        (
            op['object_permission_id'] == i['object_permission_id'],
            op['models'],
            op['vector_stores'],
            op['agents'],
            op['mcp_servers'],
            op['mcp_access_groups'],
            op['mcp_tool_permissions'],
            op['mcp_tool_search_enabled'],
        ),
        (True, ['fake-2', 'fake'], ['vs1'], ['a1'], [], [], None, None),
    )
    lop = key_in_list(t, name('op'))['object_permission']
    check('/key/list full object includes object_permission', (lop or {}).get('models'), ['fake-2', 'fake'])
    op_token = t

    status, ans, _tok = gen('org', organization_id=name('org'))
    check(
        'key organization_id unknown -> 500 "Organization doesn\'t exist in db"',
        (status, message(ans)),
        lambda g: g[0] == 500 and "Organization doesn't exist in db" in g[1],
    )
    _code, _body, t = gen('org-empty', organization_id='')
    check(
        'key organization_id "" -> null; /key/list names it org_id',
        (key_info(t)['organization_id'], 'org_id' in key_in_list(t, name('org-empty'))),
        (None, True),
    )

    print('== keys: validation ==')
    for field, value, want in (
        ('rpm_limit_type', 'bogus', 422),
        ('allowed_routes', 'llm_api_routes', 422),
        ('model_rpm_limit', [1], 422),
        ('soft_budget', -1, 400),
        ('aliases', ['x'], 422),
        ('enforced_params', 'user', 422),
    ):
        status, ans, _tok = gen(f'bad-{field}', **{field: value})
        check(f'key {field}={json.dumps(value)} -> {want}', status, want)
    for field, value in (
        ('allowed_routes', ['bogus_routes']),
        ('allowed_cache_controls', ['bogus']),
        ('model_rpm_limit', {'fake': -1}),
        ('model_rpm_limit', {'fake': 'x'}),
        ('permissions', {'whatever': 1}),
    ):
        status, ans, t = gen(f'lax-{field}-{len(KEYS)}', **{field: value})
        check(f'key {field}={json.dumps(value)} accepted unvalidated', status, 200)

    print('== keys: update in place ==')
    s, _body, i = key_update(meta_token, max_budget=5)
    check('key update without metadata keeps metadata-backed fields', i['metadata']['model_rpm_limit'], {'fake': 7})
    s, _body, i = key_update(meta_token, model_rpm_limit={'fake-2': 3})
    check(
        'key update model_rpm_limit replaces that entry only (merge into metadata)',
        (i['metadata']['model_rpm_limit'], i['metadata']['owner']),
        ({'fake-2': 3}, 'x'),
    )
    s, _body, i = key_update(meta_token, model_rpm_limit=None)
    check('key update model_rpm_limit null -> ignored', i['metadata']['model_rpm_limit'], {'fake-2': 3})
    s, _body, i = key_update(meta_token, model_rpm_limit={})
    check('key update model_rpm_limit {} -> stored {}', i['metadata']['model_rpm_limit'], {})
    s, _body, i = key_update(meta_token, metadata={'owner': 'y'})
    check('key update metadata REPLACES metadata: metadata-backed fields dropped', i['metadata'], {'owner': 'y'})
    s, _body, i = key_update(meta_token, metadata={'owner': 'z'}, model_tpm_limit={'fake': 8})
    check(
        'key update metadata + field in one request -> both',
        i['metadata'],
        {'owner': 'z', 'model_tpm_limit': {'fake': 8}},
    )
    s, a, i = key_update(meta_token, tags=['a'])
    check(
        'key update tags non-empty -> 403 licence, nothing written',
        (s, message(a), i['metadata']),
        lambda g: g[0] == 403
        and 'Enterprise users: tags.' in g[1]
        and g[2] == {'owner': 'z', 'model_tpm_limit': {'fake': 8}},
    )
    s, _body, i = key_update(meta_token, tags=[])
    check('key update tags [] -> allowed, stored metadata.tags []', i['metadata'].get('tags'), [])

    s, _body, i = key_update(soft_token, soft_budget=9)
    check('key update soft_budget -> same budget row updated', i['litellm_budget_table']['soft_budget'], 9.0)
    s, _body, i = key_update(soft_token, soft_budget=None)
    check(
        'key update soft_budget null -> cleared (row kept)',
        (i['budget_id'] is not None, i['litellm_budget_table']['soft_budget']),
        (True, None),
    )
    _code, _body, t = gen('soft-shared', budget_id=bid)
    s, _body, i = key_update(t, soft_budget=2)
    check(
        'key update soft_budget on a shared budget_id writes the SHARED budget row',
        call('POST', '/budget/info', {'budgets': [bid]})[1][0]['soft_budget'],
        2.0,
    )

    s, _body, i = key_update(ktype_token, key_type='read_only')
    check('key update key_type -> 200 and silently ignored (create-only)', (s, i['key_type']), (200, None))

    s, _body, i = key_update(rot_token, auto_rotate=True)
    check(
        'key update auto_rotate true alone (no interval) -> auto_rotate true, key_rotation_at null',
        (i['auto_rotate'], i['key_rotation_at']),
        (True, None),
    )
    s, _body, i = key_update(rot_token, auto_rotate=True, rotation_interval='7d')
    check(
        'key update auto_rotate+rotation_interval together -> key_rotation_at computed',
        i['key_rotation_at'] is not None,
        True,
    )
    s, _body, i = key_update(rot_token, auto_rotate=False)
    check(
        'key update auto_rotate false -> rotation_interval/key_rotation_at kept',
        (i['auto_rotate'], i['rotation_interval'], i['key_rotation_at'] is not None),
        (False, '7d', True),
    )

    op_id = key_info(op_token)['object_permission_id']
    s, _body, i = key_update(op_token, object_permission={'agents': ['a2']})
    check(
        'key update object_permission merges per field, same id',
        (i['object_permission_id'] == op_id, i['object_permission']['agents'], i['object_permission']['models']),
        (True, ['a2'], ['fake-2', 'fake']),
    )
    s, _body, i = key_update(op_token, object_permission={'models': []})
    check('key update object_permission {models: []} clears that field', i['object_permission']['models'], [])
    s, _body, i = key_update(op_token, object_permission=None)
    check(
        'key update object_permission null / {} -> no-op (no way to drop the row)',
        (s, i['object_permission_id'] == op_id, i['object_permission']['agents']),
        (200, True, ['a2']),
    )
    s, _body, i = key_update(op_token, object_permission={'mcp_servers': ['probe-no-such-server']})
    check(
        'key object_permission unknown MCP server -> 200, silently dropped',
        (s, i['object_permission']['mcp_servers']),
        (200, []),
    )

    _code, _body, t = gen(
        'clear',
        aliases={'a': 'fake'},
        allowed_cache_controls=['no-cache'],
        allowed_routes=['llm_api_routes'],
        permissions={'allow_pii_controls': True},
    )
    for field, empty in (
        ('aliases', {}),
        ('config', {}),
        ('permissions', {}),
        ('allowed_cache_controls', []),
        ('allowed_routes', []),
    ):
        s, _body, i = key_update(t, **{field: empty})
        check(f'key update {field} {json.dumps(empty)} -> cleared, replace semantics', (s, i[field]), (200, empty))
    for field in ('allowed_cache_controls', 'allowed_routes'):
        s, a, i = key_update(t, **{field: None})
        check(f'key update {field} null -> 400 (non-nullable column)', s, 400)
    s, a, i = key_update(t, permissions={'get_spend_routes': True})
    check(
        'key update permissions get_spend_routes -> accepted (gate only on create)',
        (s, i['permissions']),
        (200, {'get_spend_routes': True}),
    )

    print('== keys: leave team, unset user_id ==')
    tstatus, _body, tid = new_team('home')
    _code, _body, t = gen('member', team_id=tid, user_id=name('user'))
    s, a, i = key_update(t, team_id='')
    check('key update team_id "" -> 200 but IGNORED (team kept)', (s, i['team_id']), (200, tid))
    s, a, i = key_update(t, team_id=None)
    check('key update team_id null -> key leaves its team', (s, i['team_id']), (200, None))
    s, a, i = key_update(t, user_id='')
    check('key update user_id "" -> stores "" (not null)', (s, i['user_id']), (200, ''))
    s, a, i = key_update(t, user_id=None)
    check('key update user_id null -> unset', (s, i['user_id']), (200, None))

    if os.environ.get('PROBE_LIST_POISON') == '1':
        _code, _body, t = gen('poison')
        call('POST', '/key/update', {'key': t, 'metadata': None})
        s1, a1 = call('GET', '/key/list', params={'return_full_object': 'true', 'key_alias': name('poison')})
        call('POST', '/key/update', {'key': t, 'metadata': {}})
        s2, _body = call('GET', '/key/list', params={'return_full_object': 'true', 'key_alias': name('poison')})
        check(
            'key update metadata null -> /key/list?return_full_object=true 500 until repaired with {}',
            (s1, s2),
            (500, 200),
        )


def teams_section():
    print('== teams ==')
    _code, _body, t = new_team('soft', soft_budget=8)
    check('team soft_budget top level float', team_info(t)['soft_budget'], 8.0)
    check('team soft_budget in /v2/team/list', team_in_v2_list(t)['soft_budget'], 8.0)
    s, a, _tid = new_team('soft-over', soft_budget=8, max_budget=5)
    check(
        'team soft_budget >= max_budget -> 400',
        (s, message(a)),
        (400, "{'error': 'soft_budget (8.0) must be strictly lower than max_budget (5.0)'}"),
    )

    _code, _body, t = new_team('alias', model_aliases={'small': 'fake', 'big': 'fake-2'})
    i = team_info(t)
    check(
        'team model_aliases in litellm_model_table.model_aliases (team_info has no model_aliases key)',
        (i['litellm_model_table']['model_aliases'], 'model_aliases' in i),
        ({'small': 'fake', 'big': 'fake-2'}, False),
    )
    check(
        'team model_aliases in /v2/team/list litellm_model_table',
        team_in_v2_list(t)['litellm_model_table']['model_aliases'],
        {'small': 'fake', 'big': 'fake-2'},
    )
    mid = i['model_id']
    s, _body, i = team_update(t, model_aliases={'b': 'fake-2'})
    check(
        'team update model_aliases replaces, same model_id',
        (i['model_id'] == mid, i['litellm_model_table']['model_aliases']),
        (True, {'b': 'fake-2'}),
    )
    s, _body, i = team_update(t, model_aliases={})
    check('team update model_aliases {} clears (row kept)', i['litellm_model_table']['model_aliases'], {})
    s, _body, i = team_update(t, model_aliases=None)
    check('team update model_aliases null -> ignored', (s, i['litellm_model_table']['model_aliases']), (200, {}))

    _code, _body, t = new_team('perm', team_member_permissions=['/key/generate', '/key/update'])
    check(
        'team team_member_permissions top level, order kept',
        team_info(t)['team_member_permissions'],
        ['/key/generate', '/key/update'],
    )
    s, _body, i = team_update(t, team_member_permissions=['/key/delete'])
    check(
        'team /team/update team_member_permissions -> 200 and silently IGNORED',
        (s, i['team_member_permissions']),
        (200, ['/key/generate', '/key/update']),
    )
    s, _body = call(
        'POST', '/team/permissions_update', {'team_id': t, 'team_member_permissions': ['/key/delete', '/bogus']}
    )
    check(
        'team /team/permissions_update replaces, no validation',
        (s, team_info(t)['team_member_permissions']),
        (200, ['/key/delete', '/bogus']),
    )
    _code, _body, t = new_team('perm-none')
    check('team without team_member_permissions -> []', team_info(t)['team_member_permissions'], [])

    _code, _body, t = new_team(
        'tm',
        team_member_budget=3,
        team_member_budget_duration='30d',
        team_member_rpm_limit=10,
        team_member_tpm_limit=1000,
        metadata={'owner': 'x'},
        model_rpm_limit={'fake': 7},
        model_tpm_limit={'fake': 70},
        rpm_limit_type='best_effort_throughput',
        tags=[],
        guardrails=[],
        allowed_passthrough_routes=[],
        max_budget=10,
    )
    i = team_info(t)
    tb = i['team_member_budget_table']
    check(
        'team team_member_* -> team_member_budget_table (float budget, int limits), id in metadata.team_member_budget_id',
        (
            {k: tb[k] for k in ('max_budget', 'budget_duration', 'rpm_limit', 'tpm_limit')},
            i['metadata'].get('team_member_budget_id') == tb['budget_id'],
        ),
        ({'max_budget': 3.0, 'budget_duration': '30d', 'rpm_limit': 10, 'tpm_limit': 1000}, True),
    )
    lt = team_in_v2_list(t)
    check(
        '/v2/team/list: no team_member_budget_table, only metadata.team_member_budget_id',
        ('team_member_budget_table' in lt, lt['metadata'].get('team_member_budget_id') == tb['budget_id']),
        (False, True),
    )
    check(
        'team model_rpm_limit etc. in metadata',
        {
            k: i['metadata'].get(k)
            for k in (
                'model_rpm_limit',
                'model_tpm_limit',
                'rpm_limit_type',
                'tags',
                'guardrails',
                'allowed_passthrough_routes',
            )
        },
        {
            'model_rpm_limit': {'fake': 7},
            'model_tpm_limit': {'fake': 70},
            'rpm_limit_type': 'best_effort_throughput',
            'tags': [],
            'guardrails': [],
            'allowed_passthrough_routes': [],
        },
    )
    s, _body, i = team_update(t, team_member_budget=6)
    check(
        'team update team_member_budget: same budget row, partial',
        (
            i['team_member_budget_table']['budget_id'] == tb['budget_id'],
            i['team_member_budget_table']['max_budget'],
            i['team_member_budget_table']['rpm_limit'],
        ),
        (True, 6.0, 10),
    )
    s, _body, i = team_update(t, team_member_rpm_limit=None)
    check(
        'team update team_member_rpm_limit null -> cleared in the row', i['team_member_budget_table']['rpm_limit'], None
    )
    s, _body, i = team_update(t, model_rpm_limit={'fake-2': 3})
    check(
        'team update model_rpm_limit without metadata -> merged into metadata',
        (i['metadata']['model_rpm_limit'], i['metadata']['owner']),
        ({'fake-2': 3}, 'x'),
    )
    s, a, i = team_update(t, model_rpm_limit=None)
    check(
        'team update model_rpm_limit null -> 500 prisma error',
        (s, message(a)),
        (500, 'Could not find field at `updateOneLiteLLM_TeamTable.data.model_rpm_limit`'),
    )
    s, _body, i = team_update(t, rpm_limit_type='guaranteed_throughput')
    check(
        'team update rpm_limit_type -> 200 and silently IGNORED',
        (s, i['metadata']['rpm_limit_type']),
        (200, 'best_effort_throughput'),
    )
    s, _body, i = team_update(t, metadata={'owner': 'y'})
    check(
        'team update metadata replaces; keeps only team_member_budget_id',
        i['metadata'],
        {'owner': 'y', 'team_member_budget_id': tb['budget_id']},
    )
    s, a, i = team_update(t, tags=['a'])
    check(
        'team update tags non-empty -> 403, message WITHOUT the field name',
        (s, message(a)),
        lambda g: g[0] == 403 and 'This feature is only available for LiteLLM Enterprise users. You must be' in g[1],
    )
    s, _body, i = team_update(t, metadata=None)
    check('team update metadata null -> null AND the team_member_budget_id link is lost', i['metadata'], None)

    for field, value in (
        ('tags', ['a']),
        ('guardrails', ['g1']),
        ('allowed_passthrough_routes', ['/anthropic']),
        ('team_member_key_duration', '7d'),
    ):
        s, a, _tid = new_team('ee-' + field.replace('_', '-'), **{field: value})
        check(f'team {field} on create -> 403 licence', (s, message(a)), licence(field))
    s, a, _tid = new_team('ee-mmb', model_max_budget={'fake': {'budget_limit': 1, 'time_period': '1d'}})
    check(
        'team model_max_budget -> 403',
        (s, message(a)),
        lambda g: g[0] == 403 and 'Setting model_max_budget on a team is an enterprise feature' in g[1],
    )
    s, a, _tid = new_team('tpmtype', tpm_limit_type='dynamic')
    check('team tpm_limit_type dynamic -> 422 (keys accept it)', s, 422)
    s, a, _tid = new_team('mrl-float', model_rpm_limit={'fake': 1.5})
    check('team model_rpm_limit float -> 422 (keys accept it)', s, 422)
    _code, _body, t = new_team('enf', enforced_params=['user'])
    check(
        'team enforced_params -> 200 and silently dropped', 'enforced_params' in (team_info(t)['metadata'] or {}), False
    )

    _code, _body, t = new_team('rs', router_settings={'num_retries': 2, 'bogus': 1})
    check(
        'team router_settings top level, unvalidated', team_info(t)['router_settings'], {'num_retries': 2, 'bogus': 1}
    )
    s, _body, i = team_update(t, router_settings={'timeout': 30})
    check('team update router_settings replaces', i['router_settings'], {'timeout': 30})
    s, _body, i = team_update(t, router_settings=None)
    check('team update router_settings null -> null (a new team has {})', i['router_settings'], None)

    _code, _body, t = new_team(
        'op', object_permission={'models': ['fake'], 'vector_stores': ['vs1'], 'mcp_servers': ['probe-no-such-server']}
    )
    i = team_info(t)
    check(
        'team object_permission: row + id; team MCP ids NOT validated',
        (i['object_permission']['models'], i['object_permission']['mcp_servers']),
        (['fake'], ['probe-no-such-server']),
    )
    check(
        '/v2/team/list: object_permission null, only object_permission_id',
        (
            team_in_v2_list(t)['object_permission'],
            team_in_v2_list(t)['object_permission_id'] == i['object_permission_id'],
        ),
        (None, True),
    )
    s, _body, i = team_update(t, object_permission={'agents': ['a1']})
    check(
        'team update object_permission merges per field',
        (i['object_permission']['agents'], i['object_permission']['models']),
        (['a1'], ['fake']),
    )
    s, a, i = team_update(t, object_permission=None)
    check('team update object_permission null -> 500', s, 500)

    _code, _body, t = new_team('ag', access_group_ids=['probe-ag-nonexistent'])
    check(
        'team access_group_ids top level, unknown ids accepted',
        team_info(t)['access_group_ids'],
        ['probe-ag-nonexistent'],
    )
    s, _body, i = team_update(t, access_group_ids=[])
    check('team update access_group_ids [] clears', i['access_group_ids'], [])
    s, a, i = team_update(t, access_group_ids=None)
    check('team update access_group_ids null -> 500', s, 500)


def cleanup():
    if KEYS:
        call('POST', '/key/delete', {'keys': KEYS})
    if TEAMS:
        call('POST', '/team/delete', {'team_ids': TEAMS})
    call('POST', '/budget/delete', {'id': name('budget')})


if __name__ == '__main__':
    print(f'probing {BASE} (run {RUN})')
    try:
        keys_section()
        teams_section()
    finally:
        cleanup()
    print(f'\n{len(DIFFS)} difference(s) from the table' + (': ' + '; '.join(DIFFS) if DIFFS else ''))
    sys.exit(1 if DIFFS else 0)
