# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_model's logic on the converge cycle (_reconciler.Reconciler), and the model reads.

LiteLLM 1.108.7: POST /model/new (500 unless store_model_in_db; model_info.id becomes the row's model_id),
GET /model/info?litellm_model_id= (400 "Model id = X not found on litellm proxy" for a missing id; api_key and
other secrets left out or masked), GET /v2/model/info?model= (paged, config and DB models, db_model flag),
PATCH /model/{id}/update (partial, 404), POST /model/delete. Create and update answers carry encrypted
litellm_params, so the module reads the deployment again after a write.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

try:
    from urllib.parse import quote
except ImportError:  # Python 2
    from urllib import quote

from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare, _secrets as secrets
from ansible_collections.berriai.litellm.plugins.module_utils._secrets import is_secret_param
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import CREATED, RECREATED, Gone, Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils._records import Records

# litellm_model's options (plugins/modules/litellm_model.py documents them): argspec, compared fields, result view
# and export shape.
MODEL = Declaration(
    'model', 'models', 'berriai.litellm.litellm_model', identity=['model_id', 'model_name'], options=[
        Option('model_id', dict(type='str'), where='model_info.id'),
        Option('model_name', dict(type='str'), 'str'),
        Option('litellm_params', dict(type='dict'), 'dict'),
        Option('secret_params', dict(type='dict', no_log=True), export='named by reference: secret_params_from'),
        Option('model_info', dict(type='dict'), 'dict'),
    ], references='secret_params_from')

# Marks the deployments this collection manages (model_info.managed_by), so that a future authoritative mode
# leaves alone the models someone added in the UI.
OWNER = 'berriai.litellm'


STORE_MODEL_IN_DB = 'STORE_MODEL_IN_DB'

# Entries of model_info every result shows beside those the task sets (its id, whether it is stored in the database).
SHOWN_INFO = ('id', 'db_model')


def not_found_message(model_id):
    return 'Model id = %s not found on litellm proxy' % model_id


def shown(row):
    """A deployment as results may show it: its id as model_id, every secret parameter as secrets.MASK."""
    record = dict(row)
    record['model_info'] = dict(row.get('model_info') or {})
    record['model_id'] = record['model_info'].get('id')
    record['litellm_params'] = secrets.masked(row.get('litellm_params'), is_secret_param)
    return record


class ModelRecords(Records):

    def get(self, model_id):
        """The deployment with this id, or None: only the proxy's exact "not found" answer means absent."""
        try:
            body = self.client.get('/model/info', params={'litellm_model_id': model_id})
        except LiteLLMError as exc:
            if exc.status == 400 and exc.proxy_message == not_found_message(model_id):
                return None
            raise
        rows = (body or {}).get('data') or []
        return shown(rows[0]) if rows else None

    def listed(self, model_name=None):
        """Every deployment (config and DB), or those of one public name, from every page."""
        query = {'model': model_name} if model_name else {}
        return [shown(row) for row in self.client.paged('/v2/model/info', query, 'data')]

    def with_name(self, model_name):
        return [row for row in self.listed(model_name) if row.get('model_name') == model_name]


def is_db_model(record):
    return bool(record['model_info'].get('db_model'))


def model_result(record):
    if record is None:
        return {}
    result = MODEL.result(record)
    result['db_model'] = bool(record.get('model_info', {}).get('db_model'))
    return result


class ModelReconciler(Reconciler):
    kind = 'model'
    fields = MODEL.fields
    id_field = 'model_id'
    reads_after_write = True  # apply_create/apply_update read the model back
    records_class = ModelRecords

    def validate(self):
        compare.check_not_empty(self.params, ['model_id', 'model_name'])
        plain = self.params.get('litellm_params') or {}
        secrets = sorted(name for name in plain if is_secret_param(name))
        if secrets:
            raise ParameterError('litellm_params.%s is a secret: give it in secret_params (no_log), which is never '
                                 'shown, instead of litellm_params' % ', litellm_params.'.join(secrets))
        both = sorted(set(plain) & set(self.params.get('secret_params') or {}))
        if both:
            raise ParameterError('%s is set in both litellm_params and secret_params: choose one' % ', '.join(both))
        if 'id' in (self.params.get('model_info') or {}):
            raise ParameterError('model_info.id is the deployment id: give it as model_id')

    def label(self):
        return repr(self.params.get('model_id') or self.params.get('model_name'))

    def look_up(self):
        if self.params.get('model_id'):
            current = self.records.get(self.params['model_id'])
        else:
            current = self.one_with_name(self.params['model_name'])
        if current is not None and not is_db_model(current):
            raise LiteLLMError("model %s (id %s) comes from the proxy's config file; LiteLLM does not change or "
                               "delete it through the API: edit the config file instead"
                               % (repr(current.get('model_name')), current['model_id']))
        return current

    def one_with_name(self, model_name):
        """Without model_id: the one DB deployment called `model_name`; several fail, naming their ids."""
        rows = self.records.with_name(model_name)
        stored = [row for row in rows if is_db_model(row)]
        if len(stored) > 1:
            raise LiteLLMError('%d deployments in the database have the model_name %r (ids: %s): give model_id to '
                               'choose one' % (len(stored), model_name, ', '.join(sorted(r['model_id'] for r in stored))))
        if stored:
            return self.records.get(stored[0]['model_id'])
        if rows:
            raise LiteLLMError("model_name %r belongs to the proxy's config file (ids: %s), which LiteLLM does not "
                               "change through the API; give model_id to add a database deployment to that group"
                               % (model_name, ', '.join(sorted(r['model_id'] for r in rows))))
        return None

    # -- what the task asks for --

    def asked_params(self):
        return dict(self.params.get('litellm_params') or {}, **(self.params.get('secret_params') or {}))

    def is_secret(self, name):
        return name in (self.params.get('secret_params') or {}) or is_secret_param(name)

    def secrets_to_send(self, current):
        """Secrets are never read back: they are sent on create, and on every run with update_secrets=always."""
        if current is None or self.params.get('update_secrets') == 'always':
            return set(self.params.get('secret_params') or {})
        return set()

    def asked_info(self):
        return dict(self.params.get('model_info') or {}, managed_by=OWNER)

    def wanted(self, current):
        held = current or {}
        wanted = {'model_info': dict(held.get('model_info') or {}, **self.asked_info())}
        if self.params.get('model_name') is not None:
            wanted['model_name'] = self.params['model_name']
        if self.params.get('litellm_params') is not None or self.params.get('secret_params'):
            wanted['litellm_params'] = secrets.merged_over(held.get('litellm_params'), self.asked_params(),
                                                           self.is_secret, self.secrets_to_send(current))
        return wanted

    def create_body(self, base=None):
        asked = self.asked_params()
        if not self.params.get('model_name') or not asked.get('model'):
            raise ParameterError('model_name and litellm_params.model are required to create model %s' % self.label())
        info = self.asked_info()
        if self.params.get('model_id'):
            info['id'] = self.params['model_id']
        return {'model_name': self.params['model_name'], 'litellm_params': asked, 'model_info': info}

    def predicted(self, body):
        record = dict(body, model_id=self.params.get('model_id'))
        record['litellm_params'] = secrets.masked(body['litellm_params'], self.is_secret)
        record['model_info'] = dict(body['model_info'], db_model=True)
        return record

    # -- writes --

    def send(self, method, path, body):
        """One write; proxy messages that echo the request never carry a secret of the task."""
        try:
            return getattr(self.client, method)(path, body, missing_ok=method == 'patch')
        except LiteLLMError as exc:
            raise secrets.scrub_error(exc, (self.params.get('secret_params') or {}).values())

    def apply_create(self, body):
        try:
            answer = self.send('post', '/model/new', body)
        except LiteLLMError as exc:
            if exc.status == 500 and STORE_MODEL_IN_DB in (exc.proxy_message or ''):
                raise LiteLLMError('the proxy does not store models in its database, so it cannot create one: set '
                                   'general_settings.store_model_in_db: true in its config file (or the environment '
                                   'variable STORE_MODEL_IN_DB=True) and restart it (%s)' % exc.message,
                                   status=exc.status, proxy_message=exc.proxy_message)
            raise
        model_id = (answer or {}).get('model_id') or body['model_info'].get('id')
        return (self.records.get(model_id) if model_id else None) or self.predicted(body)

    def created_meanwhile(self, error, body):
        # A taken model_id answers 500 "Failed to add model to db": another run may have created it.
        if body['model_info'].get('id') and error.status in (400, 409, 500):
            return self.records.fresh().get(body['model_info']['id'])
        return None

    def update_body(self, current, updates):
        body = {}
        if 'model_name' in updates:
            body['model_name'] = updates['model_name']
        if 'litellm_params' in updates:
            body['litellm_params'] = secrets.to_send(current.get('litellm_params'), self.asked_params(),
                                                     self.is_secret, self.secrets_to_send(current))
        if 'model_info' in updates:
            # The id keeps model_info.id equal to the row's model_id (LiteLLM would store a new random one).
            held = current.get('model_info') or {}
            body['model_info'] = dict((name, value) for name, value in self.asked_info().items() if held.get(name) != value)
            body['model_info']['id'] = current['model_id']
        return body

    def apply_update(self, current, updates):
        path = '/model/%s/update' % quote(current['model_id'], safe='')
        if self.send('patch', path, self.update_body(current, updates)) is None:
            raise Gone(current, 404)
        return self.records.get(current['model_id']) or compare.planned(current, updates)

    def apply_delete(self, record):
        try:
            self.send('post', '/model/delete', {'id': record['model_id']})
        except LiteLLMError as exc:
            # LiteLLM answers 400 "not found in db" for a deployment deleted meanwhile.
            if exc.status != 400 or self.records.fresh().get(record['model_id']) is not None:
                raise

    def finish(self, outcome, before, after, reason=None, updated=()):
        """The result and the diff show what the task manages, in check mode and for real alike: model_name, the
        entries of litellm_params and model_info the task sets (LiteLLM adds defaults to litellm_params on read,
        and 1.108 some 190 cost-map entries to model_info), managed_by, and each secret the run sends as
        secrets.SENT_SECRET (the proxy never reads one back)."""
        if isinstance(updated, dict) and 'litellm_params' in updated:
            sent = set(name for name, value in updated['litellm_params'].items() if value == secrets.SENT_SECRET)
        else:
            sent = set(self.params.get('secret_params') or {}) if outcome in (CREATED, RECREATED) else set()
        return super(ModelReconciler, self).finish(outcome, self.managed_view(before), self.managed_view(after, sent),
                                                   reason, updated)

    def managed_view(self, record, sent=()):
        if record is None:
            return None
        params = set(self.asked_params())
        info = set(self.asked_info()).union(SHOWN_INFO)
        record = dict(record)
        record['litellm_params'] = dict((name, value) for name, value in (record.get('litellm_params') or {}).items()
                                        if name in params)
        record['litellm_params'].update((name, secrets.SENT_SECRET) for name in sent)
        record['model_info'] = dict((name, value) for name, value in (record.get('model_info') or {}).items()
                                    if name in info)
        return record

    def result_fields(self, before, after):
        model = model_result(after)
        return {
            'model': model,
            'model_id': model.get('model_id') or (before or {}).get('model_id') or self.params.get('model_id'),
        }


def run_model(ctx, params):
    return ModelReconciler(ctx, params).run()


def run_model_info(ctx, params):
    """litellm_model_info: one deployment by id, those of a model_name, or every one (config and DB, all pages)."""
    records = ModelRecords(ctx.client)
    if params.get('model_id'):
        found, where = [records.get(params['model_id'])], ' with id %r' % params['model_id']
    elif params.get('model_name'):
        found, where = records.with_name(params['model_name']), ' named %r' % params['model_name']
    else:
        found, where = records.listed(), ''
    models = [model_result(record) for record in found if record is not None]
    if params.get('db_only'):
        models = [model for model in models if model['db_model']]
    models.sort(key=lambda model: (model['model_name'] or '', model['model_id'] or ''))
    return {'changed': False, 'models': models, 'msg': '%d model(s)%s' % (len(models), where)}
