# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_credential's logic on the converge cycle (_reconciler.Reconciler), and the credential reads.

LiteLLM 1.108.7 (proxy/credential_endpoints/endpoints.py): POST /credentials (409 when the name exists),
GET /credentials/by_name/{name} (404), PATCH /credentials/{name} (values merged, credential_values_to_delete
removes keys, credential_info required), DELETE /credentials/{name} (404). Reads mask every value whose name
holds one of SECRET_WORDS, so those values are write-only; the others read back as they are and are compared.
LiteLLM 1.80.17's PATCH also requires credential_name and credential_values in the body (422 without), and its
reads show the old values for about 15 s after an update (an in-memory copy refreshed from the database).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

try:
    from urllib.parse import quote
except ImportError:  # Python 2
    from urllib import quote

from ansible_collections.berriai.litellm.plugins.module_utils import _owner as owner
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare, _secrets as secrets
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import CREATED, RECREATED, Gone, Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils._records import Records

# litellm_credential's options (plugins/modules/litellm_credential.py documents them): argspec, compared fields,
# result view and export shape.
CREDENTIAL = Declaration(
    'credential', 'credentials', 'berriai.litellm.litellm_credential', identity=['credential_name'], options=[
        Option('credential_name', dict(type='str', required=True)),
        # (its secret values are exported by reference: credential_values_from)
        Option('credential_values', dict(type='dict', no_log=True), 'dict'),
        Option('credential_values_to_delete', dict(type='list', elements='str', no_log=False), export='a run option'),
        Option('purge_credential_values', dict(type='bool', default=False), export='a run option'),
        Option('credential_info', dict(type='dict'), 'dict'),
        Option('display_name', dict(type='str'), 'str'),
    ], references='credential_values_from')

# LiteLLM 1.80.17 cannot keep these: its credentials have no display_name, and its PATCH ignores
# credential_values_to_delete (the values stay). 1.108.7 keeps both.
KEPT_SINCE = (1, 81)

# The proxy masks a credential value on read when its name holds one of these (litellm_logging.get_masked_values).
SECRET_WORDS = ('authorization', 'token', 'key', 'secret', 'vertex_credentials', 'credentials', 'password', 'passwd')


def is_secret_value(name):
    lowered = str(name).lower()
    return any(word in lowered for word in SECRET_WORDS)


def shown(record):
    """A credential as results may show it: every secret value as secrets.MASK."""
    if record is None:
        return None
    record = dict(record)
    record['credential_values'] = secrets.masked(record.get('credential_values'), is_secret_value)
    record['credential_info'] = record.get('credential_info') or {}
    return record


def credential_path(name):
    return '/credentials/' + quote(name, safe='')


class CredentialRecords(Records):

    def get(self, name):
        """The credential called `name` (its secrets masked), or None."""
        return shown(self.client.get('/credentials/by_name/' + quote(name, safe=''), missing_ok=True))

    def all(self):
        body = self.client.get('/credentials') or {}
        return [shown(credential) for credential in body.get('credentials') or []]


def credential_result(record):
    return CREDENTIAL.result(record)


class CredentialReconciler(Reconciler):
    kind = 'credential'
    fields = CREDENTIAL.fields
    id_field = 'credential_name'
    reads_after_write = True  # apply_create/apply_update read the credential back
    # LiteLLM 1.80.17 shows a credential's old values after an update until its in-memory copy is reloaded from the
    # database, every 30 s (proxy_server.py, get_credentials_job): re-read for up to 35.5 s
    verify_pauses = (0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0)
    records_class = CredentialRecords

    def validate(self):
        compare.check_not_empty(self.params, ['credential_name', 'display_name'])
        asked = self.params.get('credential_values') or {}
        both = sorted(set(asked) & set(self.params.get('credential_values_to_delete') or ()))
        if both:
            raise ParameterError('credential_values_to_delete names %s, which credential_values sets: choose one'
                                 % ', '.join(both))
        if self.params.get('purge_credential_values') and not asked:
            raise ParameterError('purge_credential_values needs credential_values (the values to keep)')

    def look_up(self):
        current = self.current = self.records.get(self.params['credential_name'])
        if current is not None and current.get('source') == 'config':
            raise LiteLLMError("credential %s is defined in the proxy's config file; LiteLLM does not change or "
                               "delete it through the API: edit the config file instead" % self.label())
        return current

    # -- what the task asks for --

    def secrets_to_send(self, current):
        """Secret values to send: all on create or with update_secrets=always, else those the proxy lacks."""
        held = (current or {}).get('credential_values') or {}
        always = current is None or self.params.get('update_secrets') == 'always'
        return set(name for name in self.params.get('credential_values') or {}
                   if is_secret_value(name) and (always or name not in held))

    def wanted_values(self, current):
        asked = self.params.get('credential_values')
        dropped = self.params.get('credential_values_to_delete') or []
        if asked is None and not dropped:
            return None
        held = dict((current or {}).get('credential_values') or {})
        if self.params.get('purge_credential_values'):
            held = dict((name, value) for name, value in held.items() if name in asked)
        for name in dropped:
            held.pop(name, None)
        return secrets.merged_over(held, asked, is_secret_value, self.secrets_to_send(current))

    def wanted(self, current):
        wanted = {}
        if self.params.get('display_name') is not None:
            wanted['display_name'] = self.params['display_name']
        if self.params.get('credential_info') is not None:
            wanted['credential_info'] = dict((current or {}).get('credential_info') or {},
                                             **self.params['credential_info'])
        values = self.wanted_values(current)
        if values is not None:
            wanted['credential_values'] = values
        return wanted

    def check_write(self, fields):
        """Before any write, check mode too: what LiteLLM 1.80 would silently drop fails, naming the option."""
        held = (getattr(self, 'current', None) or {}).get('credential_values') or {}
        removes = 'credential_values' in fields and any(name not in fields['credential_values'] for name in held)
        options = [option for option, used in (
            ('display_name', fields.get('display_name') is not None),
            ('purge_credential_values' if self.params.get('purge_credential_values') else 'credential_values_to_delete',
             removes)) if used]
        if options and self.ctx.proxy.older_than(KEPT_SINCE):
            raise LiteLLMError('%s cannot keep %s of a credential (it has no display_name, and its update ignores '
                               'values to delete). Leave %s out of the task or upgrade the proxy. Nothing was changed'
                               % (self.ctx.proxy.describe(), ', '.join(options), ', '.join(options)))

    def create_body(self, base=None):
        if not self.params.get('credential_values'):
            raise ParameterError('credential_values is required to create credential %s' % self.label())
        body = {
            'credential_name': self.params['credential_name'],
            'credential_values': dict(self.params['credential_values']),
            'credential_info': dict(self.params.get('credential_info') or {}),
        }
        if self.params.get('display_name') is not None:
            body['display_name'] = self.params['display_name']
        return owner.mark(body, 'credential_info')

    def predicted(self, body):
        return shown(body)

    # -- writes --

    def send(self, method, path, body=None):
        """One write; proxy messages that echo the request never carry a value of the task."""
        try:
            return getattr(self.client, method)(path, body, missing_ok=method != 'post')
        except LiteLLMError as exc:
            raise secrets.scrub_error(exc, (self.params.get('credential_values') or {}).values())

    def apply_create(self, body):
        self.send('post', '/credentials', body)
        return self.records.get(body['credential_name']) or self.predicted(body)

    def created_meanwhile(self, error, body):
        # 409: another run created the name since we looked.
        if error.status == 409:
            return self.records.fresh().get(body['credential_name'])
        return None

    def update_body(self, current, updates):
        # credential_info is required on every PATCH, and LiteLLM stores the one sent (in the database) while it
        # merges it in memory: always send the whole of it. LiteLLM 1.80 also requires the name and the values
        # (1.108 accepts them: the name must be the one in the path; no values change nothing).
        body = {'credential_name': current['credential_name'], 'credential_values': {},
                'credential_info': updates.get('credential_info', current.get('credential_info') or {})}
        if 'display_name' in updates:
            body['display_name'] = updates['display_name']
        if 'credential_values' in updates:
            held = current.get('credential_values') or {}
            values = secrets.to_send(held, self.params.get('credential_values'), is_secret_value,
                                     self.secrets_to_send(current))
            removed = sorted(name for name in held if name not in updates['credential_values'])
            if values:
                body['credential_values'] = values
            if removed:
                body['credential_values_to_delete'] = removed
        return body

    def apply_update(self, current, updates):
        name = current['credential_name']
        if self.send('patch', credential_path(name), self.update_body(current, updates)) is None:
            raise Gone(current, 404)
        return self.records.get(name) or compare.planned(current, updates)

    def apply_delete(self, record):
        self.send('delete', credential_path(record['credential_name']))

    def finish(self, outcome, before, after, reason=None, updated=()):
        """The result and the diff show each secret value the run sends (or would send) as secrets.SENT_SECRET, in
        check mode and for real alike: the proxy reads every secret back as the same mask."""
        return super(CredentialReconciler, self).finish(outcome, before, self.showing_sent(after, outcome, updated),
                                                        reason, updated)

    def showing_sent(self, record, outcome, updated):
        if outcome in (CREATED, RECREATED):
            sent = set(name for name in self.params.get('credential_values') or {} if is_secret_value(name))
        else:
            values = updated.get('credential_values') if isinstance(updated, dict) else None
            sent = set(name for name, value in (values or {}).items() if value == secrets.SENT_SECRET)
        if record is None or not sent:
            return record
        record = dict(record)
        record['credential_values'] = dict(record.get('credential_values') or {},
                                           **dict((name, secrets.SENT_SECRET) for name in sent))
        return record

    def result_fields(self, before, after):
        return {
            'credential': credential_result(after),
            'credential_name': self.params['credential_name'],
        }


def run_credential(ctx, params):
    return CredentialReconciler(ctx, params).run()


def run_credential_info(ctx, params):
    """litellm_credential_info: one credential by name, or every credential; secret values as secrets.MASK."""
    records = CredentialRecords(ctx.client)
    name = params.get('credential_name')
    found = [records.get(name)] if name else records.all()
    credentials = [dict(credential_result(record), source=record.get('source') or 'db')
                   for record in found if record is not None]
    credentials.sort(key=lambda credential: credential['credential_name'])
    where = ' named %r' % name if name else ''
    return {'changed': False, 'credentials': credentials, 'msg': '%d credential(s)%s' % (len(credentials), where)}
