"""Reading Orderdesk's configuration from the environment.

Every setting the operator may change is an ``ORDERDESK_*`` variable (plus ``DATABASE_URL``),
documented in the README's configuration table. Parsing lives here so settings.py stays a
plain list of values.
"""

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A configuration variable has a value Orderdesk cannot use."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name} must be 1 or 0, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


def data_dir() -> Path:
    path = Path(env_str("ORDERDESK_DATA_DIR", "var")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """The secret key from the environment, or one generated once and kept in the data dir."""
    configured = env_str("ORDERDESK_SECRET_KEY")
    if configured:
        return configured
    key_file = directory / "secret_key"
    if not key_file.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def currency() -> str:
    from babel.numbers import get_currency_name

    code = env_str("ORDERDESK_CURRENCY", "USD").upper()
    if len(code) != 3 or get_currency_name(code) == code:
        raise ConfigError(
            f"ORDERDESK_CURRENCY must be an ISO 4217 code such as USD or VND, not {code!r}"
        )
    return code


def language(supported: tuple[str, ...]) -> str:
    code = env_str("ORDERDESK_LANGUAGE", "en").lower()
    if code not in supported:
        raise ConfigError(f"ORDERDESK_LANGUAGE must be one of {', '.join(supported)}, not {code!r}")
    return code


def login_cooloff() -> timedelta:
    return timedelta(minutes=15)


RATE_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*([smhd])\s*$")


def parse_rates(text: str) -> list[tuple[int, int]]:
    """ "5/m,50/d" → [(5, 60), (50, 86400)]: (requests, seconds) pairs."""
    parsed = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        match = _RATE.match(part)
        if not match:
            raise ValueError(f"{part.strip()!r} is not a rate like 5/m or 50/d")
        parsed.append((int(match.group(1)), RATE_PERIODS[match.group(2)]))
    return parsed


def rates(name: str, default: str) -> list[tuple[int, int]]:
    try:
        return parse_rates(env_str(name, default))
    except ValueError as error:
        raise ConfigError(f"{name}: {error}") from None
