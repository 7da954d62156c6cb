# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the read-only (_info) modules share. Each object's _info logic lives in its own file (run_team_info in
_team.py, run_key_info in _key.py, run_user_info in _user.py...): it returns normalised records in the shape its
module returns (so a result can be fed back into it), plus read-only facts (spend, counts, dates), and never a
secret: records are built from a list of safe fields, and `without_secrets` drops anything named like a secret
that holds one.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


# Field names that hold a secret when their value is one (key_name holds a masked `sk-...abcd` and stays).
SECRET_FIELDS = frozenset(['key', 'api_key', 'secret', 'master_key'])


def _is_secret(value):
    return isinstance(value, str) and value.startswith('sk-')


def without_secrets(value):
    """A copy of `value` without any secret-named field that holds an `sk-` value, at any depth."""
    if isinstance(value, dict):
        return dict((name, without_secrets(item)) for name, item in value.items()
                    if not (str(name).lower() in SECRET_FIELDS and _is_secret(item)))
    if isinstance(value, list):
        return [without_secrets(item) for item in value]
    return value


def copy_facts(record, names):
    """Read-only facts of a record, copied as the proxy gives them."""
    return dict((name, record.get(name)) for name in names)
