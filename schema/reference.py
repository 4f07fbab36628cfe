"""Reference tables: CAMEO codes and the ACLED taxonomy, loaded by data migrations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, text
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, SmallInt


class CameoEventCode(Base):
    __tablename__ = "ref_cameo_event_code"
    __table_args__ = (CheckConstraint("quad_class BETWEEN 1 AND 4", name="quad_class_range"),)

    code: Mapped[str] = mapped_column(primary_key=True)
    label: Mapped[str]
    root_code: Mapped[str]
    base_code: Mapped[str | None]
    quad_class: Mapped[SmallInt]
    goldstein: Mapped[float | None]


class CameoActorType(Base):
    __tablename__ = "ref_cameo_actor_type"

    code: Mapped[str] = mapped_column(primary_key=True)
    label: Mapped[str]


class CameoCountry(Base):
    __tablename__ = "ref_cameo_country"

    code: Mapped[str] = mapped_column(primary_key=True)
    label: Mapped[str]


class AcledSubEventType(Base):
    __tablename__ = "ref_acled_sub_event_type"

    sub_event_type: Mapped[str] = mapped_column(primary_key=True)
    event_type: Mapped[str]
    disorder_type: Mapped[str]


class AcledInterCode(Base):
    __tablename__ = "ref_acled_inter_code"
    __table_args__ = (CheckConstraint("code BETWEEN 0 AND 8", name="code_range"),)

    code: Mapped[SmallInt] = mapped_column(primary_key=True, autoincrement=False)
    label: Mapped[str]
    text_label: Mapped[str | None]


class CameoKnownGroup(Base):
    """GDELT's CAMEO known-group codes (``Actor1KnownGroupCode``)."""

    __tablename__ = "ref_cameo_known_group"

    code: Mapped[str] = mapped_column(primary_key=True)
    label: Mapped[str]


class CameoEthnicGroup(Base):
    """GDELT's CAMEO ethnic codes (``Actor1EthnicCode``; lower case, e.g. ``kur``)."""

    __tablename__ = "ref_cameo_ethnic_group"

    code: Mapped[str] = mapped_column(primary_key=True)
    label: Mapped[str]


class CameoReligion(Base):
    """GDELT's CAMEO religion codes (``Actor1Religion1Code``)."""

    __tablename__ = "ref_cameo_religion"

    code: Mapped[str] = mapped_column(primary_key=True)
    label: Mapped[str]


class FipsCountry(Base):
    """FIPS 10-4 country codes (GDELT's geo fields) and their ISO 3166-1 codes.

    Several FIPS codes can map to one ISO3 (West Bank and Gaza to PSE); ``preferred`` marks the
    one written when an ISO3 is exported as FIPS.
    """

    __tablename__ = "ref_fips_country"
    __table_args__ = (
        Index(
            "ix_ref_fips_country_iso3_preferred",
            "iso3",
            unique=True,
            postgresql_where=text("preferred"),
        ),
    )

    fips: Mapped[str] = mapped_column(primary_key=True)
    iso3: Mapped[str | None]
    iso2: Mapped[str | None]
    name: Mapped[str]
    preferred: Mapped[bool] = mapped_column(server_default=text("false"))


class AcledRegion(Base):
    """ACLED's regions with their numeric codes and the first date ACLED covers."""

    __tablename__ = "ref_acled_region"

    code: Mapped[SmallInt] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(unique=True)
    first_event_date: Mapped[dt.date | None]


class AcledCountry(Base):
    """ACLED's country names with ISO 3166-1 alpha-3 and numeric codes (ACLED's ``iso``)."""

    __tablename__ = "ref_acled_country"

    country: Mapped[str] = mapped_column(primary_key=True)
    iso3: Mapped[str] = mapped_column(unique=True)
    iso_numeric: Mapped[SmallInt | None] = mapped_column(
        comment="ISO 3166-1 numeric; none for Kosovo (XKX, not an ISO code)"
    )
    region: Mapped[str] = mapped_column(ForeignKey("ref_acled_region.name"))
    start_year: Mapped[SmallInt | None]
