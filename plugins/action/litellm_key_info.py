# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Runs berriai.litellm.litellm_key_info inside the controller on a local connection (see plugin_utils/_fast_path.py).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils._key import run_key_info
from ansible_collections.berriai.litellm.plugins.modules.litellm_key_info import MODULE_KWARGS
from ansible_collections.berriai.litellm.plugins.plugin_utils._fast_path import LiteLLMActionBase


class ActionModule(LiteLLMActionBase):
    DEFINITION = MODULE_KWARGS
    LOGIC = staticmethod(run_key_info)
