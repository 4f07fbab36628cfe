"""Reference tables: CAMEO codes and the ACLED taxonomy, loaded by data migrations."""

from __future__ import annotations

from sqlalchemy import CheckConstraint
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
