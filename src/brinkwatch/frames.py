"""pandas DataFrames of brinkwatch's outputs, with typed columns.

`read_gdelt(path)` loads a GDELT 2.0 events file (ours or GDELT's own) keeping code columns as
text, so `EventCode` "057" stays "057".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def read_gdelt(path: str | Path) -> pd.DataFrame:
    """A GDELT 2.0 events TSV (no header) as a DataFrame: codes and names as strings, counts and
    dates as integers, Goldstein and tone as floats."""
    import pandas as pd

    from brinkwatch.store.exports import gdelt_columns, gdelt_dtypes

    types = gdelt_dtypes()
    return pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=list(gdelt_columns()),
        dtype=types,
        keep_default_na=False,  # an empty code stays "", not NaN
        na_values={name: [""] for name, kind in types.items() if kind != "str"},
        quoting=3,  # csv.QUOTE_NONE: GDELT never quotes
    )
