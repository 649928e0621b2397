"""The province's side, in three modules (issue 15), re-exported here for the screens, the
command line and the tests that name ``services.province``:

* :mod:`~kamarhitung.services.province_ca`: the CA folder (``province ca-init``, ``issue``,
  ``revoke``, ``crl``);
* :mod:`~kamarhitung.services.province_import`: a province workspace (``province init``), its
  keys and the import of the kabupaten bundles (the pure checks of a bundle's data are
  :mod:`kamarhitung.core.province_payload`), the history of imports;
* :mod:`~kamarhitung.services.province_recap`: the recap over every imported kabupaten.

The paper check of a bundle is :mod:`kamarhitung.services.paper`.
"""

from __future__ import annotations

from kamarhitung.services.province_ca import CA_CERT as CA_CERT
from kamarhitung.services.province_ca import CA_KEY as CA_KEY
from kamarhitung.services.province_ca import CRL as CRL
from kamarhitung.services.province_ca import IDENTITY as IDENTITY
from kamarhitung.services.province_ca import ISSUED as ISSUED
from kamarhitung.services.province_ca import RECIPIENT as RECIPIENT
from kamarhitung.services.province_ca import CaInfo as CaInfo
from kamarhitung.services.province_ca import CrlUpdate as CrlUpdate
from kamarhitung.services.province_ca import IssuedCert as IssuedCert
from kamarhitung.services.province_ca import ca_init as ca_init
from kamarhitung.services.province_ca import issue as issue
from kamarhitung.services.province_ca import refresh_crl as refresh_crl
from kamarhitung.services.province_ca import revoke as revoke
from kamarhitung.services.province_import import BUNDLES_DIR as BUNDLES_DIR
from kamarhitung.services.province_import import KIND as KIND
from kamarhitung.services.province_import import ImportResult as ImportResult
from kamarhitung.services.province_import import ProvinceInfo as ProvinceInfo
from kamarhitung.services.province_import import ProvinceKeys as ProvinceKeys
from kamarhitung.services.province_import import identity_is_wrapped as identity_is_wrapped
from kamarhitung.services.province_import import import_bundle as import_bundle
from kamarhitung.services.province_import import init_province as init_province
from kamarhitung.services.province_import import list_imports as list_imports
from kamarhitung.services.province_import import load_province_keys as load_province_keys
from kamarhitung.services.province_import import province_overview as province_overview
from kamarhitung.services.province_import import require_province as require_province
from kamarhitung.services.province_recap import PROVINCE_RECAP_FORMAT as PROVINCE_RECAP_FORMAT
from kamarhitung.services.province_recap import RECAP_LEVELS as RECAP_LEVELS
from kamarhitung.services.province_recap import ProvinceRecapJson as ProvinceRecapJson
from kamarhitung.services.province_recap import RecapBundleJson as RecapBundleJson
from kamarhitung.services.province_recap import RecapRowJson as RecapRowJson
from kamarhitung.services.province_recap import RecapTotalJson as RecapTotalJson
from kamarhitung.services.province_recap import province_recap as province_recap
from kamarhitung.services.province_recap import write_province_recap as write_province_recap
