SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t0"."party_id",
          "t0"."rm_id",
          'refresh_kyc' AS "criterion_id",
          'refresh_kyc' AS "action_kind",
          COALESCE("t0"."stage_id", 'acquaintance') AS "target_stage",
          CAST(NULL AS DOUBLE) AS "measured",
          CAST(NULL AS DOUBLE) AS "target",
          CAST(NULL AS DOUBLE) AS "gap",
          CAST(ROUND(
            CAST(CASE
              WHEN "t0"."total_balance" < 10000
              THEN 1
              WHEN "t0"."total_balance" < 100000
              THEN 2
              WHEN "t0"."total_balance" < 1000000
              THEN 3
              WHEN "t0"."total_balance" < 10000000
              THEN 4
              ELSE 5
            END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.1 * (
              (
                CAST(CASE
                  WHEN "t0"."days_since_last_contact" IS NULL
                  THEN 180
                  WHEN "t0"."days_since_last_contact" > 180
                  THEN 180
                  ELSE "t0"."days_since_last_contact"
                END AS DOUBLE) / 180
              ) + 1
            ) * COALESCE("t0"."propensity_lift", 1.0) * 2.0,
            4
          ) AS DOUBLE) AS "priority",
          MAKE_DATE(2026, 7, 7) AS "due_on",
          CAST(NULL AS TEXT) AS "blocked_by"
        FROM "placements" AS "t0"
        WHERE
          COALESCE("t0"."is_customer" AND NOT (
            "t0"."kyc_valid"
          ), FALSE)
      ) AS "t1"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'first_contact' AS "criterion_id",
            'first_contact' AS "action_kind",
            'acquaintance' AS "target_stage",
            CAST("t0"."contacts_total" AS DOUBLE) AS "measured",
            1.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  1.0 - CAST("t0"."contacts_total" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 1.0 - CAST("t0"."contacts_total" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.1 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 7) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 0 AND NOT (
              "t0"."met__first_contact"
            )
        ) AS "t2"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'bank_trust' AS "criterion_id",
            'invite_to_event' AS "action_kind",
            'acquaintance' AS "target_stage",
            CAST("t0"."events_attended_365d" AS DOUBLE) AS "measured",
            1.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  1.0 - CAST("t0"."events_attended_365d" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 1.0 - CAST("t0"."events_attended_365d" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.1 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 14) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 0 AND NOT (
              "t0"."met__bank_trust"
            )
        ) AS "t3"
      ) AS "t16"
    ) AS "t23"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'recent_contacts' AS "criterion_id",
            'follow_up_contact' AS "action_kind",
            'discovery' AS "target_stage",
            CAST("t0"."interactions_90d" AS DOUBLE) AS "measured",
            2.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  2.0 - CAST("t0"."interactions_90d" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 2.0 - CAST("t0"."interactions_90d" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.2 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 7) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 1 AND NOT (
              "t0"."met__recent_contacts"
            )
        ) AS "t4"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'needs_known' AS "criterion_id",
            'discover_needs' AS "action_kind",
            'discovery' AS "target_stage",
            CAST("t0"."needs_identified" AS DOUBLE) AS "measured",
            1.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  1.0 - CAST("t0"."needs_identified" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 1.0 - CAST("t0"."needs_identified" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.2 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 10) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 1 AND NOT (
              "t0"."met__needs_known"
            )
        ) AS "t5"
      ) AS "t17"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'first_product' AS "criterion_id",
            'open_first_product' AS "action_kind",
            'goodwill' AS "target_stage",
            CAST("t0"."products_held" AS DOUBLE) AS "measured",
            1.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  1.0 - CAST("t0"."products_held" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 1.0 - CAST("t0"."products_held" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.3 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 14) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."is_customer" AND NOT (
                "t0"."kyc_valid"
              ), FALSE)
              THEN 'kyc'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 2 AND NOT (
              "t0"."met__first_product"
            )
        ) AS "t6"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'cared_for' AS "criterion_id",
            'care_visit' AS "action_kind",
            'goodwill' AS "target_stage",
            CAST("t0"."care_events_180d" + "t0"."service_events_180d" AS DOUBLE) AS "measured",
            1.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  1.0 - CAST("t0"."care_events_180d" + "t0"."service_events_180d" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 1.0 - CAST("t0"."care_events_180d" + "t0"."service_events_180d" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.3 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 7) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 2 AND NOT (
              "t0"."met__cared_for"
            )
        ) AS "t7"
      ) AS "t18"
    ) AS "t24"
  ) AS "t27"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'no_open_complaint' AS "criterion_id",
            'resolve_complaint' AS "action_kind",
            'goodwill' AS "target_stage",
            CAST("t0"."complaints_open" AS DOUBLE) AS "measured",
            0.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN ABS(CAST("t0"."complaints_open" AS DOUBLE) - 0.0) < 0
                THEN 0.0
                ELSE ABS(CAST("t0"."complaints_open" AS DOUBLE) - 0.0)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.3 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 2.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 2) AS "due_on",
            CAST(NULL AS TEXT) AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 2 AND NOT (
              "t0"."met__no_open_complaint"
            )
        ) AS "t8"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'several_families' AS "criterion_id",
            'cross_sell' AS "action_kind",
            'resource_mining' AS "target_stage",
            CAST("t0"."product_families_held" AS DOUBLE) AS "measured",
            2.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  2.0 - CAST("t0"."product_families_held" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 2.0 - CAST("t0"."product_families_held" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.4 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 14) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."is_customer" AND NOT (
                "t0"."kyc_valid"
              ), FALSE)
              THEN 'kyc'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 3 AND NOT (
              "t0"."met__several_families"
            )
        ) AS "t9"
      ) AS "t19"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'balance_threshold' AS "criterion_id",
            'grow_balance' AS "action_kind",
            'resource_mining' AS "target_stage",
            "t0"."total_balance" AS "measured",
            50000.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  50000.0 - "t0"."total_balance"
                ) < 0
                THEN 0.0
                ELSE 50000.0 - "t0"."total_balance"
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.4 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 30) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."is_customer" AND NOT (
                "t0"."kyc_valid"
              ), FALSE)
              THEN 'kyc'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 3 AND NOT (
              "t0"."met__balance_threshold"
            )
        ) AS "t10"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'lasting_customer' AS "criterion_id",
            'nurture_relationship' AS "action_kind",
            'resource_mining' AS "target_stage",
            CAST("t0"."months_as_customer" AS DOUBLE) AS "measured",
            6.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  6.0 - CAST("t0"."months_as_customer" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 6.0 - CAST("t0"."months_as_customer" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.4 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 30) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 3 AND NOT (
              "t0"."met__lasting_customer"
            )
        ) AS "t11"
      ) AS "t20"
    ) AS "t25"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'vip_status' AS "criterion_id",
            'upgrade_vip' AS "action_kind",
            'win_win' AS "target_stage",
            CAST("t0"."vip_tier" AS DOUBLE) AS "measured",
            2.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  2.0 - CAST("t0"."vip_tier" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 2.0 - CAST("t0"."vip_tier" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.5 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 30) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 4 AND NOT (
              "t0"."met__vip_status"
            )
        ) AS "t12"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'broad_partnership' AS "criterion_id",
            'deepen_partnership' AS "action_kind",
            'win_win' AS "target_stage",
            CAST("t0"."product_families_held" AS DOUBLE) AS "measured",
            3.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  3.0 - CAST("t0"."product_families_held" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 3.0 - CAST("t0"."product_families_held" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.5 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 30) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."is_customer" AND NOT (
                "t0"."kyc_valid"
              ), FALSE)
              THEN 'kyc'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 4 AND NOT (
              "t0"."met__broad_partnership"
            )
        ) AS "t13"
      ) AS "t21"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'regular_dialogue' AS "criterion_id",
            'partnership_review' AS "action_kind",
            'win_win' AS "target_stage",
            CAST("t0"."interactions_90d" AS DOUBLE) AS "measured",
            3.0 AS "target",
            CAST(ROUND(
              CASE
                WHEN (
                  3.0 - CAST("t0"."interactions_90d" AS DOUBLE)
                ) < 0
                THEN 0.0
                ELSE 3.0 - CAST("t0"."interactions_90d" AS DOUBLE)
              END,
              2
            ) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.5 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 14) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 4 AND NOT (
              "t0"."met__regular_dialogue"
            )
        ) AS "t14"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t0"."party_id",
            "t0"."rm_id",
            'brings_others' AS "criterion_id",
            'ask_for_introduction' AS "action_kind",
            'intermediary' AS "target_stage",
            CAST(NULL AS DOUBLE) AS "measured",
            CAST(NULL AS DOUBLE) AS "target",
            CAST(ROUND(CAST(NULL AS DOUBLE), 2) AS DOUBLE) AS "gap",
            CAST(ROUND(
              CAST(CASE
                WHEN "t0"."total_balance" < 10000
                THEN 1
                WHEN "t0"."total_balance" < 100000
                THEN 2
                WHEN "t0"."total_balance" < 1000000
                THEN 3
                WHEN "t0"."total_balance" < 10000000
                THEN 4
                ELSE 5
              END AS DOUBLE) * CASE WHEN "t0"."party_kind" = 'enterprise' THEN 1.5 ELSE 1.0 END * 1.6 * (
                (
                  CAST(CASE
                    WHEN "t0"."days_since_last_contact" IS NULL
                    THEN 180
                    WHEN "t0"."days_since_last_contact" > 180
                    THEN 180
                    ELSE "t0"."days_since_last_contact"
                  END AS DOUBLE) / 180
                ) + 1
              ) * COALESCE("t0"."propensity_lift", 1.0) * 1.0,
              4
            ) AS DOUBLE) AS "priority",
            MAKE_DATE(2026, 7, 30) AS "due_on",
            CASE
              WHEN COALESCE("t0"."aml_flagged", FALSE)
              THEN 'aml'
              WHEN COALESCE("t0"."contacts_7d" >= 3, FALSE)
              THEN 'contact_fatigue'
              ELSE CAST(NULL AS TEXT)
            END AS "blocked_by"
          FROM "placements" AS "t0"
          WHERE
            "t0"."stage_rank" = 5 AND NOT (
              "t0"."met__brings_others"
            )
        ) AS "t15"
      ) AS "t22"
    ) AS "t26"
  ) AS "t28"
) AS "t29"
ORDER BY
  "t29"."rm_id" ASC,
  "t29"."priority" DESC,
  "t29"."party_id" ASC,
  "t29"."criterion_id" ASC
