SELECT
  "t53"."party_id",
  "t53"."rm_id",
  "t53"."party_kind",
  "t53"."segment",
  "t53"."days_since_last_contact",
  "t53"."contacts_total",
  "t53"."interactions_90d",
  "t53"."events_attended_365d",
  "t53"."care_events_180d",
  "t53"."service_events_180d",
  "t53"."complaints_open",
  "t53"."needs_identified",
  "t53"."products_held",
  "t53"."product_families_held",
  "t53"."months_as_customer",
  "t53"."total_balance",
  "t53"."vip_tier",
  "t53"."referrals_converted",
  "t53"."partners_on_books",
  "t53"."kyc_valid",
  "t53"."is_customer",
  "t53"."aml_flagged",
  "t53"."contacts_7d",
  "t53"."met__first_contact",
  "t53"."met__bank_trust",
  "t53"."met__recent_contacts",
  "t53"."met__needs_known",
  "t53"."met__first_product",
  "t53"."met__cared_for",
  "t53"."met__no_open_complaint",
  "t53"."met__several_families",
  "t53"."met__balance_threshold",
  "t53"."met__lasting_customer",
  "t53"."met__vip_status",
  "t53"."met__broad_partnership",
  "t53"."met__regular_dialogue",
  "t53"."met__brings_others",
  CASE
    WHEN NOT (
      "t53"."met__first_contact" AND "t53"."met__bank_trust"
    )
    THEN 0
    WHEN NOT (
      "t53"."met__recent_contacts" AND "t53"."met__needs_known"
    )
    THEN 1
    WHEN NOT (
      "t53"."met__first_product"
      AND "t53"."met__cared_for"
      AND "t53"."met__no_open_complaint"
    )
    THEN 2
    WHEN NOT (
      "t53"."met__several_families"
      AND "t53"."met__balance_threshold"
      AND "t53"."met__lasting_customer"
    )
    THEN 3
    WHEN NOT (
      "t53"."met__vip_status"
      AND "t53"."met__broad_partnership"
      AND "t53"."met__regular_dialogue"
    )
    THEN 4
    WHEN NOT (
      "t53"."met__brings_others"
    )
    THEN 5
    ELSE 6
  END AS "stage_rank",
  CASE
    WHEN NOT (
      "t53"."met__first_contact" AND "t53"."met__bank_trust"
    )
    THEN CAST(NULL AS TEXT)
    WHEN NOT (
      "t53"."met__recent_contacts" AND "t53"."met__needs_known"
    )
    THEN 'acquaintance'
    WHEN NOT (
      "t53"."met__first_product"
      AND "t53"."met__cared_for"
      AND "t53"."met__no_open_complaint"
    )
    THEN 'discovery'
    WHEN NOT (
      "t53"."met__several_families"
      AND "t53"."met__balance_threshold"
      AND "t53"."met__lasting_customer"
    )
    THEN 'goodwill'
    WHEN NOT (
      "t53"."met__vip_status"
      AND "t53"."met__broad_partnership"
      AND "t53"."met__regular_dialogue"
    )
    THEN 'resource_mining'
    WHEN NOT (
      "t53"."met__brings_others"
    )
    THEN 'win_win'
    ELSE 'intermediary'
  END AS "stage_id",
  CAST(ROUND(
    CASE
      WHEN NOT (
        "t53"."met__first_contact" AND "t53"."met__bank_trust"
      )
      THEN 0 + (
        CAST(CASE WHEN "t53"."met__first_contact" THEN 1 ELSE 0 END + CASE WHEN "t53"."met__bank_trust" THEN 1 ELSE 0 END AS DOUBLE) / 2
      )
      WHEN NOT (
        "t53"."met__recent_contacts" AND "t53"."met__needs_known"
      )
      THEN 1 + (
        CAST(CASE WHEN "t53"."met__recent_contacts" THEN 1 ELSE 0 END + CASE WHEN "t53"."met__needs_known" THEN 1 ELSE 0 END AS DOUBLE) / 2
      )
      WHEN NOT (
        "t53"."met__first_product"
        AND "t53"."met__cared_for"
        AND "t53"."met__no_open_complaint"
      )
      THEN 2 + (
        CAST(CASE WHEN "t53"."met__first_product" THEN 1 ELSE 0 END + CASE WHEN "t53"."met__cared_for" THEN 1 ELSE 0 END + CASE WHEN "t53"."met__no_open_complaint" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t53"."met__several_families"
        AND "t53"."met__balance_threshold"
        AND "t53"."met__lasting_customer"
      )
      THEN 3 + (
        CAST(CASE WHEN "t53"."met__several_families" THEN 1 ELSE 0 END + CASE WHEN "t53"."met__balance_threshold" THEN 1 ELSE 0 END + CASE WHEN "t53"."met__lasting_customer" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t53"."met__vip_status"
        AND "t53"."met__broad_partnership"
        AND "t53"."met__regular_dialogue"
      )
      THEN 4 + (
        CAST(CASE WHEN "t53"."met__vip_status" THEN 1 ELSE 0 END + CASE WHEN "t53"."met__broad_partnership" THEN 1 ELSE 0 END + CASE WHEN "t53"."met__regular_dialogue" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t53"."met__brings_others"
      )
      THEN 5 + (
        CAST(CASE WHEN "t53"."met__brings_others" THEN 1 ELSE 0 END AS DOUBLE) / 1
      )
      ELSE 6 + 0.0
    END,
    4
  ) AS DOUBLE) AS "score"
FROM (
  SELECT
    "t52"."party_id",
    "t52"."rm_id",
    "t52"."party_kind",
    "t52"."segment",
    "t52"."days_since_last_contact",
    "t52"."contacts_total",
    "t52"."interactions_90d",
    "t52"."events_attended_365d",
    "t52"."care_events_180d",
    "t52"."service_events_180d",
    "t52"."complaints_open",
    "t52"."needs_identified",
    "t52"."products_held",
    "t52"."product_families_held",
    "t52"."months_as_customer",
    "t52"."total_balance",
    "t52"."vip_tier",
    "t52"."referrals_converted",
    "t52"."partners_on_books",
    "t52"."kyc_valid",
    "t52"."is_customer",
    "t52"."aml_flagged",
    "t52"."contacts_7d",
    COALESCE("t52"."contacts_total" >= 1, FALSE) AS "met__first_contact",
    COALESCE("t52"."events_attended_365d" >= 1, FALSE) AS "met__bank_trust",
    COALESCE("t52"."interactions_90d" >= 2, FALSE) AS "met__recent_contacts",
    COALESCE("t52"."needs_identified" >= 1, FALSE) AS "met__needs_known",
    COALESCE("t52"."products_held" >= 1, FALSE) AS "met__first_product",
    COALESCE((
      "t52"."care_events_180d" + "t52"."service_events_180d"
    ) >= 1, FALSE) AS "met__cared_for",
    COALESCE("t52"."complaints_open" = 0, FALSE) AS "met__no_open_complaint",
    COALESCE("t52"."product_families_held" >= 2, FALSE) AS "met__several_families",
    COALESCE("t52"."total_balance" >= 50000, FALSE) AS "met__balance_threshold",
    COALESCE("t52"."months_as_customer" >= 6, FALSE) AS "met__lasting_customer",
    COALESCE("t52"."vip_tier" >= 2, FALSE) AS "met__vip_status",
    COALESCE("t52"."product_families_held" >= 3, FALSE) AS "met__broad_partnership",
    COALESCE("t52"."interactions_90d" >= 3, FALSE) AS "met__regular_dialogue",
    COALESCE(
      (
        "t52"."referrals_converted" >= 1
      ) OR (
        "t52"."partners_on_books" >= 1
      ),
      FALSE
    ) AS "met__brings_others"
  FROM (
    SELECT
      "t13"."party_id",
      "t13"."rm_id",
      "t13"."party_kind",
      "t13"."segment",
      DATE_DIFF('DAY', CAST("t44"."last_contact_at" AS DATE), MAKE_DATE(2026, 6, 30)) AS "days_since_last_contact",
      COALESCE("t44"."contacts_total", 0) AS "contacts_total",
      COALESCE("t44"."interactions_90d", 0) AS "interactions_90d",
      COALESCE("t44"."events_attended_365d", 0) AS "events_attended_365d",
      COALESCE("t44"."care_events_180d", 0) AS "care_events_180d",
      COALESCE("t44"."service_events_180d", 0) AS "service_events_180d",
      COALESCE("t44"."complaints_open", 0) AS "complaints_open",
      COALESCE("t32"."needs_identified", 0) AS "needs_identified",
      COALESCE("t51"."products_held", 0) AS "products_held",
      COALESCE("t51"."product_families_held", 0) AS "product_families_held",
      CAST(FLOOR(
        (
          DATE_DIFF('DAY', "t51"."first_opened_on", MAKE_DATE(2026, 6, 30))
        ) / (
          30
        )
      ) AS BIGINT) AS "months_as_customer",
      CAST(ROUND(COALESCE("t51"."balance", 0.0), 2) AS DOUBLE) AS "total_balance",
      CASE
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t51"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t40"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t13"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 6000000
        )
        THEN 3
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t51"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t40"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t13"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 500000
        )
        THEN 2
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t51"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t40"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t13"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 50000
        )
        THEN 1
        ELSE 0
      END AS "vip_tier",
      COALESCE("t43"."referrals_converted", 0) AS "referrals_converted",
      COALESCE("t48"."partners_on_books", 0) AS "partners_on_books",
      COALESCE("t13"."kyc_expires_on" > MAKE_DATE(2026, 6, 30), FALSE) AS "kyc_valid",
      COALESCE("t13"."customer_since" <= MAKE_DATE(2026, 6, 30), FALSE) AS "is_customer",
      COALESCE("t37"."aml_flags_open" > 0, FALSE) AS "aml_flagged",
      COALESCE("t44"."contacts_7d", 0) AS "contacts_7d"
    FROM (
      SELECT
        "t0"."id" AS "party_id",
        "t0"."rm_id",
        "t0"."kind" AS "party_kind",
        "t0"."segment",
        "t0"."first_contact_on",
        "t0"."customer_since",
        "t0"."kyc_expires_on"
      FROM "party" AS "t0"
    ) AS "t13"
    LEFT OUTER JOIN (
      SELECT
        "t35"."party_id" AS "party_id_0",
        "t35"."contacts_total",
        "t35"."interactions_90d",
        "t35"."events_attended_365d",
        "t35"."care_events_180d",
        "t35"."service_events_180d",
        "t35"."complaints_open",
        "t35"."contacts_7d",
        "t35"."last_contact_at"
      FROM (
        SELECT
          "t14"."party_id",
          COUNT(*) AS "contacts_total",
          COUNT(*) FILTER(WHERE
            "t14"."occurred_at" >= MAKE_TIMESTAMP(2026, 4, 2, 0, 0, 0.0)) AS "interactions_90d",
          COUNT(*) FILTER(WHERE
            (
              "t14"."kind" = 'event'
            )
            AND (
              "t14"."occurred_at" >= MAKE_TIMESTAMP(2025, 7, 1, 0, 0, 0.0)
            )) AS "events_attended_365d",
          COUNT(*) FILTER(WHERE
            (
              "t14"."kind" = 'care'
            )
            AND (
              "t14"."occurred_at" >= MAKE_TIMESTAMP(2026, 1, 2, 0, 0, 0.0)
            )) AS "care_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t14"."kind" = 'service'
            )
            AND (
              "t14"."occurred_at" >= MAKE_TIMESTAMP(2026, 1, 2, 0, 0, 0.0)
            )) AS "service_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t14"."kind" = 'complaint'
            )
            AND (
              (
                "t14"."resolved_at" IS NULL
              )
              OR (
                "t14"."resolved_at" >= MAKE_TIMESTAMP(2026, 7, 1, 0, 0, 0.0)
              )
            )) AS "complaints_open",
          COUNT(*) FILTER(WHERE
            "t14"."kind" IN ('visit', 'call', 'message', 'care')
            AND (
              "t14"."occurred_at" >= MAKE_TIMESTAMP(2026, 6, 24, 0, 0, 0.0)
            )) AS "contacts_7d",
          MAX("t14"."occurred_at") AS "last_contact_at"
        FROM (
          SELECT
            *
          FROM "interaction" AS "t1"
          WHERE
            "t1"."occurred_at" < MAKE_TIMESTAMP(2026, 7, 1, 0, 0, 0.0)
        ) AS "t14"
        GROUP BY
          1
      ) AS "t35"
    ) AS "t44"
      ON "t13"."party_id" = "t44"."party_id_0"
    LEFT OUTER JOIN (
      SELECT
        "t25"."party_id" AS "party_id_1",
        "t25"."needs_identified"
      FROM (
        SELECT
          "t15"."party_id",
          COUNT(*) AS "needs_identified"
        FROM (
          SELECT
            *
          FROM "need" AS "t2"
          WHERE
            "t2"."identified_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t15"
        GROUP BY
          1
      ) AS "t25"
    ) AS "t32"
      ON "t13"."party_id" = "t32"."party_id_1"
    LEFT OUTER JOIN (
      SELECT
        "t49"."party_id" AS "party_id_2",
        "t49"."products_held",
        "t49"."product_families_held",
        "t49"."first_opened_on",
        "t49"."balance"
      FROM (
        SELECT
          "t47"."party_id",
          SUM("t47"."held_now") AS "products_held",
          COUNT(*) FILTER(WHERE
            (
              "t47"."held_now" > 0
            ) AND (
              "t47"."family" IS NOT NULL
            )) AS "product_families_held",
          MIN("t47"."first_opened_on") AS "first_opened_on",
          SUM("t47"."balance") AS "balance"
        FROM (
          SELECT
            "t38"."party_id",
            "t38"."family",
            COUNT(*) FILTER(WHERE
              (
                "t38"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t38"."closed_on" IS NULL
                )
                OR (
                  "t38"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "held_now",
            MIN("t38"."opened_on") AS "first_opened_on",
            SUM("t38"."balance") FILTER(WHERE
              (
                "t38"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t38"."closed_on" IS NULL
                )
                OR (
                  "t38"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "balance"
          FROM (
            SELECT
              "t21"."id",
              "t21"."party_id",
              "t21"."product_code",
              "t21"."opened_on",
              "t21"."closed_on",
              "t27"."holding_id",
              "t27"."balance",
              "t10"."code",
              "t10"."family"
            FROM (
              SELECT
                *
              FROM "holding" AS "t6"
              WHERE
                "t6"."opened_on" <= MAKE_DATE(2026, 6, 30)
            ) AS "t21"
            LEFT OUTER JOIN (
              SELECT
                "t9"."holding_id",
                ARG_MAX(CAST("t9"."amount" AS DOUBLE), "t9"."snapshot_on") FILTER(WHERE
                  "t9"."snapshot_on" <= MAKE_DATE(2026, 6, 30)) AS "balance"
              FROM "balance" AS "t9"
              GROUP BY
                1
            ) AS "t27"
              ON "t21"."id" = "t27"."holding_id"
            LEFT OUTER JOIN "product" AS "t10"
              ON "t21"."product_code" = "t10"."code"
          ) AS "t38"
          GROUP BY
            1,
            2
        ) AS "t47"
        GROUP BY
          1
      ) AS "t49"
    ) AS "t51"
      ON "t13"."party_id" = "t51"."party_id_2"
    LEFT OUTER JOIN (
      SELECT
        "t45"."party_id" AS "party_id_3",
        "t45"."partners_on_books"
      FROM (
        SELECT
          "t41"."party_id",
          COUNT(DISTINCT "t41"."partner") AS "partners_on_books"
        FROM (
          SELECT
            "t29"."party_id",
            "t29"."partner_id",
            "t19"."partner"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t8"."from_party_id" AS "party_id",
                "t8"."to_party_id" AS "partner_id"
              FROM "relationship" AS "t8"
              WHERE
                "t8"."kind" IN ('supplier_of', 'buyer_of')
                AND (
                  (
                    "t8"."since" IS NULL
                  ) OR (
                    "t8"."since" <= MAKE_DATE(2026, 6, 30)
                  )
                )
            ) AS "t22"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t8"."to_party_id" AS "party_id",
                "t8"."from_party_id" AS "partner_id"
              FROM "relationship" AS "t8"
              WHERE
                "t8"."kind" IN ('supplier_of', 'buyer_of')
                AND (
                  (
                    "t8"."since" IS NULL
                  ) OR (
                    "t8"."since" <= MAKE_DATE(2026, 6, 30)
                  )
                )
            ) AS "t23"
          ) AS "t29"
          LEFT OUTER JOIN (
            SELECT
              "t0"."id" AS "partner"
            FROM "party" AS "t0"
            WHERE
              "t0"."customer_since" <= MAKE_DATE(2026, 6, 30)
          ) AS "t19"
            ON "t29"."partner_id" = "t19"."partner"
        ) AS "t41"
        GROUP BY
          1
      ) AS "t45"
    ) AS "t48"
      ON "t13"."party_id" = "t48"."party_id_3"
    LEFT OUTER JOIN (
      SELECT
        "t33"."party_id" AS "party_id_4",
        "t33"."referrals_converted"
      FROM (
        SELECT
          "t16"."referrer_id" AS "party_id",
          COUNT(*) FILTER(WHERE
            (
              "t16"."status" = 'converted'
            )
            AND (
              "t16"."converted_on" <= MAKE_DATE(2026, 6, 30)
            )) AS "referrals_converted"
        FROM (
          SELECT
            *
          FROM "referral" AS "t3"
          WHERE
            "t3"."referred_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t16"
        GROUP BY
          1
      ) AS "t33"
    ) AS "t43"
      ON "t13"."party_id" = "t43"."party_id_4"
    LEFT OUTER JOIN (
      SELECT
        "t31"."party_id" AS "party_id_5",
        "t31"."settlement_inflow_365d"
      FROM (
        SELECT
          "t17"."party_id",
          SUM(CAST("t17"."inflow" AS DOUBLE)) AS "settlement_inflow_365d"
        FROM (
          SELECT
            *
          FROM "settlement" AS "t4"
          WHERE
            "t4"."month" > MAKE_DATE(2025, 6, 30) AND "t4"."month" <= MAKE_DATE(2026, 6, 30)
        ) AS "t17"
        GROUP BY
          1
      ) AS "t31"
    ) AS "t40"
      ON "t13"."party_id" = "t40"."party_id_5"
    LEFT OUTER JOIN (
      SELECT
        "t28"."party_id" AS "party_id_6",
        "t28"."aml_flags_open"
      FROM (
        SELECT
          "t20"."party_id",
          COUNT(*) AS "aml_flags_open"
        FROM (
          SELECT
            *
          FROM "aml_flag" AS "t5"
          WHERE
            "t5"."raised_on" <= MAKE_DATE(2026, 6, 30)
            AND (
              (
                "t5"."cleared_on" IS NULL
              )
              OR (
                "t5"."cleared_on" > MAKE_DATE(2026, 6, 30)
              )
            )
        ) AS "t20"
        GROUP BY
          1
      ) AS "t28"
    ) AS "t37"
      ON "t13"."party_id" = "t37"."party_id_6"
  ) AS "t52"
) AS "t53"
ORDER BY
  "t53"."party_id" ASC
