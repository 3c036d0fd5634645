SELECT
  "t57"."party_id",
  "t57"."rm_id",
  "t57"."party_kind",
  "t57"."segment",
  "t57"."days_since_last_contact",
  "t57"."contacts_total",
  "t57"."interactions_90d",
  "t57"."events_attended_365d",
  "t57"."care_events_180d",
  "t57"."service_events_180d",
  "t57"."complaints_open",
  "t57"."needs_identified",
  "t57"."products_held",
  "t57"."product_families_held",
  "t57"."months_as_customer",
  "t57"."total_balance",
  "t57"."vip_tier",
  "t57"."referrals_converted",
  "t57"."partners_on_books",
  "t57"."kyc_valid",
  "t57"."is_customer",
  "t57"."aml_flagged",
  "t57"."contacts_7d",
  "t57"."met__first_contact",
  "t57"."met__bank_trust",
  "t57"."met__recent_contacts",
  "t57"."met__needs_known",
  "t57"."met__first_product",
  "t57"."met__cared_for",
  "t57"."met__no_open_complaint",
  "t57"."met__several_families",
  "t57"."met__balance_threshold",
  "t57"."met__lasting_customer",
  "t57"."met__vip_status",
  "t57"."met__broad_partnership",
  "t57"."met__regular_dialogue",
  "t57"."met__brings_others",
  CASE
    WHEN NOT (
      "t57"."met__first_contact" AND "t57"."met__bank_trust"
    )
    THEN 0
    WHEN NOT (
      "t57"."met__recent_contacts" AND "t57"."met__needs_known"
    )
    THEN 1
    WHEN NOT (
      "t57"."met__first_product"
      AND "t57"."met__cared_for"
      AND "t57"."met__no_open_complaint"
    )
    THEN 2
    WHEN NOT (
      "t57"."met__several_families"
      AND "t57"."met__balance_threshold"
      AND "t57"."met__lasting_customer"
    )
    THEN 3
    WHEN NOT (
      "t57"."met__vip_status"
      AND "t57"."met__broad_partnership"
      AND "t57"."met__regular_dialogue"
    )
    THEN 4
    WHEN NOT (
      "t57"."met__brings_others"
    )
    THEN 5
    ELSE 6
  END AS "stage_rank",
  CASE
    WHEN NOT (
      "t57"."met__first_contact" AND "t57"."met__bank_trust"
    )
    THEN CAST(NULL AS VARCHAR)
    WHEN NOT (
      "t57"."met__recent_contacts" AND "t57"."met__needs_known"
    )
    THEN 'acquaintance'
    WHEN NOT (
      "t57"."met__first_product"
      AND "t57"."met__cared_for"
      AND "t57"."met__no_open_complaint"
    )
    THEN 'discovery'
    WHEN NOT (
      "t57"."met__several_families"
      AND "t57"."met__balance_threshold"
      AND "t57"."met__lasting_customer"
    )
    THEN 'goodwill'
    WHEN NOT (
      "t57"."met__vip_status"
      AND "t57"."met__broad_partnership"
      AND "t57"."met__regular_dialogue"
    )
    THEN 'resource_mining'
    WHEN NOT (
      "t57"."met__brings_others"
    )
    THEN 'win_win'
    ELSE 'intermediary'
  END AS "stage_id",
  CAST(ROUND(
    CAST(CASE
      WHEN NOT (
        "t57"."met__first_contact" AND "t57"."met__bank_trust"
      )
      THEN 0 + (
        CAST(CASE WHEN "t57"."met__first_contact" THEN 1 ELSE 0 END + CASE WHEN "t57"."met__bank_trust" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 2
      )
      WHEN NOT (
        "t57"."met__recent_contacts" AND "t57"."met__needs_known"
      )
      THEN 1 + (
        CAST(CASE WHEN "t57"."met__recent_contacts" THEN 1 ELSE 0 END + CASE WHEN "t57"."met__needs_known" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 2
      )
      WHEN NOT (
        "t57"."met__first_product"
        AND "t57"."met__cared_for"
        AND "t57"."met__no_open_complaint"
      )
      THEN 2 + (
        CAST(CASE WHEN "t57"."met__first_product" THEN 1 ELSE 0 END + CASE WHEN "t57"."met__cared_for" THEN 1 ELSE 0 END + CASE WHEN "t57"."met__no_open_complaint" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t57"."met__several_families"
        AND "t57"."met__balance_threshold"
        AND "t57"."met__lasting_customer"
      )
      THEN 3 + (
        CAST(CASE WHEN "t57"."met__several_families" THEN 1 ELSE 0 END + CASE WHEN "t57"."met__balance_threshold" THEN 1 ELSE 0 END + CASE WHEN "t57"."met__lasting_customer" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t57"."met__vip_status"
        AND "t57"."met__broad_partnership"
        AND "t57"."met__regular_dialogue"
      )
      THEN 4 + (
        CAST(CASE WHEN "t57"."met__vip_status" THEN 1 ELSE 0 END + CASE WHEN "t57"."met__broad_partnership" THEN 1 ELSE 0 END + CASE WHEN "t57"."met__regular_dialogue" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t57"."met__brings_others"
      )
      THEN 5 + (
        CAST(CASE WHEN "t57"."met__brings_others" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 1
      )
      ELSE 6 + 0.0
    END AS DECIMAL),
    4
  ) AS DOUBLE PRECISION) AS "score"
FROM (
  SELECT
    "t56"."party_id",
    "t56"."rm_id",
    "t56"."party_kind",
    "t56"."segment",
    "t56"."days_since_last_contact",
    "t56"."contacts_total",
    "t56"."interactions_90d",
    "t56"."events_attended_365d",
    "t56"."care_events_180d",
    "t56"."service_events_180d",
    "t56"."complaints_open",
    "t56"."needs_identified",
    "t56"."products_held",
    "t56"."product_families_held",
    "t56"."months_as_customer",
    "t56"."total_balance",
    "t56"."vip_tier",
    "t56"."referrals_converted",
    "t56"."partners_on_books",
    "t56"."kyc_valid",
    "t56"."is_customer",
    "t56"."aml_flagged",
    "t56"."contacts_7d",
    COALESCE("t56"."contacts_total" >= 1, FALSE) AS "met__first_contact",
    COALESCE("t56"."events_attended_365d" >= 1, FALSE) AS "met__bank_trust",
    COALESCE("t56"."interactions_90d" >= 2, FALSE) AS "met__recent_contacts",
    COALESCE("t56"."needs_identified" >= 1, FALSE) AS "met__needs_known",
    COALESCE("t56"."products_held" >= 1, FALSE) AS "met__first_product",
    COALESCE((
      "t56"."care_events_180d" + "t56"."service_events_180d"
    ) >= 1, FALSE) AS "met__cared_for",
    COALESCE("t56"."complaints_open" = 0, FALSE) AS "met__no_open_complaint",
    COALESCE("t56"."product_families_held" >= 2, FALSE) AS "met__several_families",
    COALESCE("t56"."total_balance" >= 50000, FALSE) AS "met__balance_threshold",
    COALESCE("t56"."months_as_customer" >= 6, FALSE) AS "met__lasting_customer",
    COALESCE("t56"."vip_tier" >= 2, FALSE) AS "met__vip_status",
    COALESCE("t56"."product_families_held" >= 3, FALSE) AS "met__broad_partnership",
    COALESCE("t56"."interactions_90d" >= 3, FALSE) AS "met__regular_dialogue",
    COALESCE(
      (
        "t56"."referrals_converted" >= 1
      ) OR (
        "t56"."partners_on_books" >= 1
      ),
      FALSE
    ) AS "met__brings_others"
  FROM (
    SELECT
      "t14"."party_id",
      "t14"."rm_id",
      "t14"."party_kind",
      "t14"."segment",
      CAST(EXTRACT(epoch FROM CAST(MAKE_DATE(2026, 6, 30) AS TIMESTAMP) - CAST(DATE("t45"."last_contact_at") AS TIMESTAMP)) / 86400 AS BIGINT) AS "days_since_last_contact",
      COALESCE("t45"."contacts_total", 0) AS "contacts_total",
      COALESCE("t45"."interactions_90d", 0) AS "interactions_90d",
      COALESCE("t45"."events_attended_365d", 0) AS "events_attended_365d",
      COALESCE("t45"."care_events_180d", 0) AS "care_events_180d",
      COALESCE("t45"."service_events_180d", 0) AS "service_events_180d",
      COALESCE("t45"."complaints_open", 0) AS "complaints_open",
      COALESCE("t33"."needs_identified", 0) AS "needs_identified",
      COALESCE("t55"."products_held", 0) AS "products_held",
      COALESCE("t55"."product_families_held", 0) AS "product_families_held",
      CAST(FLOOR(
        CAST((
          CAST(EXTRACT(epoch FROM CAST(MAKE_DATE(2026, 6, 30) AS TIMESTAMP) - CAST("t55"."first_opened_on" AS TIMESTAMP)) / 86400 AS BIGINT)
        ) AS DOUBLE PRECISION) / (
          30
        )
      ) AS BIGINT) AS "months_as_customer",
      CAST(ROUND(CAST(COALESCE("t55"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) AS "total_balance",
      CASE
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t55"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t41"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t14"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 6000000
        )
        THEN 3
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t55"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t41"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t14"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 500000
        )
        THEN 2
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t55"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t41"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t14"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 50000
        )
        THEN 1
        ELSE 0
      END AS "vip_tier",
      COALESCE("t44"."referrals_converted", 0) AS "referrals_converted",
      COALESCE("t50"."partners_on_books", 0) AS "partners_on_books",
      COALESCE("t14"."kyc_expires_on" > MAKE_DATE(2026, 6, 30), FALSE) AS "kyc_valid",
      COALESCE("t14"."customer_since" <= MAKE_DATE(2026, 6, 30), FALSE) AS "is_customer",
      COALESCE("t38"."aml_flags_open" > 0, FALSE) AS "aml_flagged",
      COALESCE("t45"."contacts_7d", 0) AS "contacts_7d"
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
    ) AS "t14"
    LEFT OUTER JOIN (
      SELECT
        "t36"."party_id" AS "party_id_0",
        "t36"."contacts_total",
        "t36"."interactions_90d",
        "t36"."events_attended_365d",
        "t36"."care_events_180d",
        "t36"."service_events_180d",
        "t36"."complaints_open",
        "t36"."contacts_7d",
        "t36"."last_contact_at"
      FROM (
        SELECT
          "t15"."party_id",
          COUNT(*) AS "contacts_total",
          COUNT(*) FILTER(WHERE
            "t15"."occurred_at" >= CAST('2026-04-02T00:00:00' AS TIMESTAMP)) AS "interactions_90d",
          COUNT(*) FILTER(WHERE
            (
              "t15"."kind" = 'event'
            )
            AND (
              "t15"."occurred_at" >= CAST('2025-07-01T00:00:00' AS TIMESTAMP)
            )) AS "events_attended_365d",
          COUNT(*) FILTER(WHERE
            (
              "t15"."kind" = 'care'
            )
            AND (
              "t15"."occurred_at" >= CAST('2026-01-02T00:00:00' AS TIMESTAMP)
            )) AS "care_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t15"."kind" = 'service'
            )
            AND (
              "t15"."occurred_at" >= CAST('2026-01-02T00:00:00' AS TIMESTAMP)
            )) AS "service_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t15"."kind" = 'complaint'
            )
            AND (
              (
                "t15"."resolved_at" IS NULL
              )
              OR (
                "t15"."resolved_at" >= CAST('2026-07-01T00:00:00' AS TIMESTAMP)
              )
            )) AS "complaints_open",
          COUNT(*) FILTER(WHERE
            "t15"."kind" IN ('visit', 'call', 'message', 'care')
            AND (
              "t15"."occurred_at" >= CAST('2026-06-24T00:00:00' AS TIMESTAMP)
            )) AS "contacts_7d",
          MAX("t15"."occurred_at") AS "last_contact_at"
        FROM (
          SELECT
            *
          FROM "interaction" AS "t1"
          WHERE
            "t1"."occurred_at" < CAST('2026-07-01T00:00:00' AS TIMESTAMP)
        ) AS "t15"
        GROUP BY
          1
      ) AS "t36"
    ) AS "t45"
      ON "t14"."party_id" = "t45"."party_id_0"
    LEFT OUTER JOIN (
      SELECT
        "t26"."party_id" AS "party_id_1",
        "t26"."needs_identified"
      FROM (
        SELECT
          "t16"."party_id",
          COUNT(*) AS "needs_identified"
        FROM (
          SELECT
            *
          FROM "need" AS "t2"
          WHERE
            "t2"."identified_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t16"
        GROUP BY
          1
      ) AS "t26"
    ) AS "t33"
      ON "t14"."party_id" = "t33"."party_id_1"
    LEFT OUTER JOIN (
      SELECT
        "t53"."party_id" AS "party_id_2",
        "t53"."products_held",
        "t53"."product_families_held",
        "t53"."first_opened_on",
        "t53"."balance"
      FROM (
        SELECT
          "t52"."party_id",
          SUM("t52"."held_now") AS "products_held",
          COUNT(*) FILTER(WHERE
            (
              "t52"."held_now" > 0
            ) AND (
              "t52"."family" IS NOT NULL
            )) AS "product_families_held",
          MIN("t52"."first_opened_on") AS "first_opened_on",
          SUM("t52"."balance") AS "balance"
        FROM (
          SELECT
            "t51"."party_id",
            "t51"."family",
            COUNT(*) FILTER(WHERE
              (
                "t51"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t51"."closed_on" IS NULL
                )
                OR (
                  "t51"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "held_now",
            MIN("t51"."opened_on") AS "first_opened_on",
            SUM("t51"."balance") FILTER(WHERE
              (
                "t51"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t51"."closed_on" IS NULL
                )
                OR (
                  "t51"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "balance"
          FROM (
            SELECT
              "t22"."id",
              "t22"."party_id",
              "t22"."product_code",
              "t22"."opened_on",
              "t22"."closed_on",
              "t48"."holding_id",
              "t48"."balance",
              "t10"."code",
              "t10"."family"
            FROM (
              SELECT
                *
              FROM "holding" AS "t6"
              WHERE
                "t6"."opened_on" <= MAKE_DATE(2026, 6, 30)
            ) AS "t22"
            LEFT OUTER JOIN (
              SELECT
                "t39"."holding_id",
                SUM(CAST("t39"."amount" AS DOUBLE PRECISION)) FILTER(WHERE
                  "t39"."snapshot_on" = "t39"."balance_on") AS "balance"
              FROM (
                SELECT
                  "t11"."holding_id",
                  "t11"."snapshot_on",
                  "t11"."amount",
                  "t28"."balance_on"
                FROM "balance" AS "t11"
                INNER JOIN (
                  SELECT
                    "t9"."holding_id",
                    MAX("t9"."snapshot_on") FILTER(WHERE
                      "t9"."snapshot_on" <= MAKE_DATE(2026, 6, 30)) AS "balance_on"
                  FROM "balance" AS "t9"
                  GROUP BY
                    1
                ) AS "t28"
                  ON "t11"."holding_id" = "t28"."holding_id"
              ) AS "t39"
              GROUP BY
                1
            ) AS "t48"
              ON "t22"."id" = "t48"."holding_id"
            LEFT OUTER JOIN "product" AS "t10"
              ON "t22"."product_code" = "t10"."code"
          ) AS "t51"
          GROUP BY
            1,
            2
        ) AS "t52"
        GROUP BY
          1
      ) AS "t53"
    ) AS "t55"
      ON "t14"."party_id" = "t55"."party_id_2"
    LEFT OUTER JOIN (
      SELECT
        "t46"."party_id" AS "party_id_3",
        "t46"."partners_on_books"
      FROM (
        SELECT
          "t42"."party_id",
          COUNT(DISTINCT "t42"."partner") AS "partners_on_books"
        FROM (
          SELECT
            "t30"."party_id",
            "t30"."partner_id",
            "t20"."partner"
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
            ) AS "t23"
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
            ) AS "t24"
          ) AS "t30"
          LEFT OUTER JOIN (
            SELECT
              "t0"."id" AS "partner"
            FROM "party" AS "t0"
            WHERE
              "t0"."customer_since" <= MAKE_DATE(2026, 6, 30)
          ) AS "t20"
            ON "t30"."partner_id" = "t20"."partner"
        ) AS "t42"
        GROUP BY
          1
      ) AS "t46"
    ) AS "t50"
      ON "t14"."party_id" = "t50"."party_id_3"
    LEFT OUTER JOIN (
      SELECT
        "t34"."party_id" AS "party_id_4",
        "t34"."referrals_converted"
      FROM (
        SELECT
          "t17"."referrer_id" AS "party_id",
          COUNT(*) FILTER(WHERE
            (
              "t17"."status" = 'converted'
            )
            AND (
              "t17"."converted_on" <= MAKE_DATE(2026, 6, 30)
            )) AS "referrals_converted"
        FROM (
          SELECT
            *
          FROM "referral" AS "t3"
          WHERE
            "t3"."referred_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t17"
        GROUP BY
          1
      ) AS "t34"
    ) AS "t44"
      ON "t14"."party_id" = "t44"."party_id_4"
    LEFT OUTER JOIN (
      SELECT
        "t32"."party_id" AS "party_id_5",
        "t32"."settlement_inflow_365d"
      FROM (
        SELECT
          "t18"."party_id",
          SUM(CAST("t18"."inflow" AS DOUBLE PRECISION)) AS "settlement_inflow_365d"
        FROM (
          SELECT
            *
          FROM "settlement" AS "t4"
          WHERE
            "t4"."month" > MAKE_DATE(2025, 6, 30) AND "t4"."month" <= MAKE_DATE(2026, 6, 30)
        ) AS "t18"
        GROUP BY
          1
      ) AS "t32"
    ) AS "t41"
      ON "t14"."party_id" = "t41"."party_id_5"
    LEFT OUTER JOIN (
      SELECT
        "t29"."party_id" AS "party_id_6",
        "t29"."aml_flags_open"
      FROM (
        SELECT
          "t21"."party_id",
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
        ) AS "t21"
        GROUP BY
          1
      ) AS "t29"
    ) AS "t38"
      ON "t14"."party_id" = "t38"."party_id_6"
  ) AS "t56"
) AS "t57"
ORDER BY
  "t57"."party_id" ASC
