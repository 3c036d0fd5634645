WITH "t21" AS (
  SELECT
    *
  FROM "propensity_score" AS "t9"
  WHERE
    "t9"."target" = 'advance'
    AND "t9"."as_of" <= MAKE_DATE(2026, 6, 30)
    AND "t9"."as_of" >= MAKE_DATE(2026, 4, 1)
)
SELECT
  "t67"."party_id",
  "t67"."rm_id",
  "t67"."party_kind",
  "t67"."segment",
  "t67"."days_since_last_contact",
  "t67"."contacts_total",
  "t67"."interactions_90d",
  "t67"."events_attended_365d",
  "t67"."care_events_180d",
  "t67"."service_events_180d",
  "t67"."complaints_open",
  "t67"."needs_identified",
  "t67"."products_held",
  "t67"."product_families_held",
  "t67"."months_as_customer",
  "t67"."total_balance",
  "t67"."vip_tier",
  "t67"."referrals_converted",
  "t67"."partners_on_books",
  "t67"."kyc_valid",
  "t67"."is_customer",
  "t67"."aml_flagged",
  "t67"."contacts_7d",
  "t67"."propensity_lift",
  "t67"."met__first_contact",
  "t67"."met__bank_trust",
  "t67"."met__recent_contacts",
  "t67"."met__needs_known",
  "t67"."met__first_product",
  "t67"."met__cared_for",
  "t67"."met__no_open_complaint",
  "t67"."met__several_families",
  "t67"."met__balance_threshold",
  "t67"."met__lasting_customer",
  "t67"."met__vip_status",
  "t67"."met__broad_partnership",
  "t67"."met__regular_dialogue",
  "t67"."met__brings_others",
  CASE
    WHEN NOT (
      "t67"."met__first_contact" AND "t67"."met__bank_trust"
    )
    THEN 0
    WHEN NOT (
      "t67"."met__recent_contacts" AND "t67"."met__needs_known"
    )
    THEN 1
    WHEN NOT (
      "t67"."met__first_product"
      AND "t67"."met__cared_for"
      AND "t67"."met__no_open_complaint"
    )
    THEN 2
    WHEN NOT (
      "t67"."met__several_families"
      AND "t67"."met__balance_threshold"
      AND "t67"."met__lasting_customer"
    )
    THEN 3
    WHEN NOT (
      "t67"."met__vip_status"
      AND "t67"."met__broad_partnership"
      AND "t67"."met__regular_dialogue"
    )
    THEN 4
    WHEN NOT (
      "t67"."met__brings_others"
    )
    THEN 5
    ELSE 6
  END AS "stage_rank",
  CASE
    WHEN NOT (
      "t67"."met__first_contact" AND "t67"."met__bank_trust"
    )
    THEN CAST(NULL AS VARCHAR)
    WHEN NOT (
      "t67"."met__recent_contacts" AND "t67"."met__needs_known"
    )
    THEN 'acquaintance'
    WHEN NOT (
      "t67"."met__first_product"
      AND "t67"."met__cared_for"
      AND "t67"."met__no_open_complaint"
    )
    THEN 'discovery'
    WHEN NOT (
      "t67"."met__several_families"
      AND "t67"."met__balance_threshold"
      AND "t67"."met__lasting_customer"
    )
    THEN 'goodwill'
    WHEN NOT (
      "t67"."met__vip_status"
      AND "t67"."met__broad_partnership"
      AND "t67"."met__regular_dialogue"
    )
    THEN 'resource_mining'
    WHEN NOT (
      "t67"."met__brings_others"
    )
    THEN 'win_win'
    ELSE 'intermediary'
  END AS "stage_id",
  CAST(ROUND(
    CAST(CASE
      WHEN NOT (
        "t67"."met__first_contact" AND "t67"."met__bank_trust"
      )
      THEN 0 + (
        CAST(CASE WHEN "t67"."met__first_contact" THEN 1 ELSE 0 END + CASE WHEN "t67"."met__bank_trust" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 2
      )
      WHEN NOT (
        "t67"."met__recent_contacts" AND "t67"."met__needs_known"
      )
      THEN 1 + (
        CAST(CASE WHEN "t67"."met__recent_contacts" THEN 1 ELSE 0 END + CASE WHEN "t67"."met__needs_known" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 2
      )
      WHEN NOT (
        "t67"."met__first_product"
        AND "t67"."met__cared_for"
        AND "t67"."met__no_open_complaint"
      )
      THEN 2 + (
        CAST(CASE WHEN "t67"."met__first_product" THEN 1 ELSE 0 END + CASE WHEN "t67"."met__cared_for" THEN 1 ELSE 0 END + CASE WHEN "t67"."met__no_open_complaint" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t67"."met__several_families"
        AND "t67"."met__balance_threshold"
        AND "t67"."met__lasting_customer"
      )
      THEN 3 + (
        CAST(CASE WHEN "t67"."met__several_families" THEN 1 ELSE 0 END + CASE WHEN "t67"."met__balance_threshold" THEN 1 ELSE 0 END + CASE WHEN "t67"."met__lasting_customer" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t67"."met__vip_status"
        AND "t67"."met__broad_partnership"
        AND "t67"."met__regular_dialogue"
      )
      THEN 4 + (
        CAST(CASE WHEN "t67"."met__vip_status" THEN 1 ELSE 0 END + CASE WHEN "t67"."met__broad_partnership" THEN 1 ELSE 0 END + CASE WHEN "t67"."met__regular_dialogue" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t67"."met__brings_others"
      )
      THEN 5 + (
        CAST(CASE WHEN "t67"."met__brings_others" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 1
      )
      ELSE 6 + 0.0
    END AS DECIMAL),
    4
  ) AS DOUBLE PRECISION) AS "score"
FROM (
  SELECT
    "t66"."party_id",
    "t66"."rm_id",
    "t66"."party_kind",
    "t66"."segment",
    "t66"."days_since_last_contact",
    "t66"."contacts_total",
    "t66"."interactions_90d",
    "t66"."events_attended_365d",
    "t66"."care_events_180d",
    "t66"."service_events_180d",
    "t66"."complaints_open",
    "t66"."needs_identified",
    "t66"."products_held",
    "t66"."product_families_held",
    "t66"."months_as_customer",
    "t66"."total_balance",
    "t66"."vip_tier",
    "t66"."referrals_converted",
    "t66"."partners_on_books",
    "t66"."kyc_valid",
    "t66"."is_customer",
    "t66"."aml_flagged",
    "t66"."contacts_7d",
    "t66"."propensity_lift",
    COALESCE("t66"."contacts_total" >= 1, FALSE) AS "met__first_contact",
    COALESCE("t66"."events_attended_365d" >= 1, FALSE) AS "met__bank_trust",
    COALESCE("t66"."interactions_90d" >= 2, FALSE) AS "met__recent_contacts",
    COALESCE("t66"."needs_identified" >= 1, FALSE) AS "met__needs_known",
    COALESCE("t66"."products_held" >= 1, FALSE) AS "met__first_product",
    COALESCE((
      "t66"."care_events_180d" + "t66"."service_events_180d"
    ) >= 1, FALSE) AS "met__cared_for",
    COALESCE("t66"."complaints_open" = 0, FALSE) AS "met__no_open_complaint",
    COALESCE("t66"."product_families_held" >= 2, FALSE) AS "met__several_families",
    COALESCE("t66"."total_balance" >= 50000, FALSE) AS "met__balance_threshold",
    COALESCE("t66"."months_as_customer" >= 6, FALSE) AS "met__lasting_customer",
    COALESCE("t66"."vip_tier" >= 2, FALSE) AS "met__vip_status",
    COALESCE("t66"."product_families_held" >= 3, FALSE) AS "met__broad_partnership",
    COALESCE("t66"."interactions_90d" >= 3, FALSE) AS "met__regular_dialogue",
    COALESCE(
      (
        "t66"."referrals_converted" >= 1
      ) OR (
        "t66"."partners_on_books" >= 1
      ),
      FALSE
    ) AS "met__brings_others"
  FROM (
    SELECT
      "t15"."party_id",
      "t15"."rm_id",
      "t15"."party_kind",
      "t15"."segment",
      CAST(EXTRACT(epoch FROM CAST(MAKE_DATE(2026, 6, 30) AS TIMESTAMP) - CAST(DATE("t51"."last_contact_at") AS TIMESTAMP)) / 86400 AS BIGINT) AS "days_since_last_contact",
      COALESCE("t51"."contacts_total", 0) AS "contacts_total",
      COALESCE("t51"."interactions_90d", 0) AS "interactions_90d",
      COALESCE("t51"."events_attended_365d", 0) AS "events_attended_365d",
      COALESCE("t51"."care_events_180d", 0) AS "care_events_180d",
      COALESCE("t51"."service_events_180d", 0) AS "service_events_180d",
      COALESCE("t51"."complaints_open", 0) AS "complaints_open",
      COALESCE("t38"."needs_identified", 0) AS "needs_identified",
      COALESCE("t65"."products_held", 0) AS "products_held",
      COALESCE("t65"."product_families_held", 0) AS "product_families_held",
      CAST(FLOOR(
        CAST((
          CAST(EXTRACT(epoch FROM CAST(MAKE_DATE(2026, 6, 30) AS TIMESTAMP) - CAST("t65"."first_opened_on" AS TIMESTAMP)) / 86400 AS BIGINT)
        ) AS DOUBLE PRECISION) / (
          30
        )
      ) AS BIGINT) AS "months_as_customer",
      CAST(ROUND(CAST(COALESCE("t65"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) AS "total_balance",
      CASE
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t65"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t47"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t15"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 6000000
        )
        THEN 3
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t65"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t47"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t15"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 500000
        )
        THEN 2
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t65"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t47"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t15"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 50000
        )
        THEN 1
        ELSE 0
      END AS "vip_tier",
      COALESCE("t50"."referrals_converted", 0) AS "referrals_converted",
      COALESCE("t58"."partners_on_books", 0) AS "partners_on_books",
      COALESCE("t15"."kyc_expires_on" > MAKE_DATE(2026, 6, 30), FALSE) AS "kyc_valid",
      COALESCE("t15"."customer_since" <= MAKE_DATE(2026, 6, 30), FALSE) AS "is_customer",
      COALESCE("t44"."aml_flags_open" > 0, FALSE) AS "aml_flagged",
      COALESCE("t51"."contacts_7d", 0) AS "contacts_7d",
      CASE
        WHEN "t60"."propensity_lift" < 0.2
        THEN 0.2
        WHEN "t60"."propensity_lift" > 5.0
        THEN 5.0
        ELSE "t60"."propensity_lift"
      END AS "propensity_lift"
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
    ) AS "t15"
    LEFT OUTER JOIN (
      SELECT
        "t42"."party_id" AS "party_id_0",
        "t42"."contacts_total",
        "t42"."interactions_90d",
        "t42"."events_attended_365d",
        "t42"."care_events_180d",
        "t42"."service_events_180d",
        "t42"."complaints_open",
        "t42"."contacts_7d",
        "t42"."last_contact_at"
      FROM (
        SELECT
          "t16"."party_id",
          COUNT(*) AS "contacts_total",
          COUNT(*) FILTER(WHERE
            "t16"."occurred_at" >= CAST('2026-04-02T00:00:00' AS TIMESTAMP)) AS "interactions_90d",
          COUNT(*) FILTER(WHERE
            (
              "t16"."kind" = 'event'
            )
            AND (
              "t16"."occurred_at" >= CAST('2025-07-01T00:00:00' AS TIMESTAMP)
            )) AS "events_attended_365d",
          COUNT(*) FILTER(WHERE
            (
              "t16"."kind" = 'care'
            )
            AND (
              "t16"."occurred_at" >= CAST('2026-01-02T00:00:00' AS TIMESTAMP)
            )) AS "care_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t16"."kind" = 'service'
            )
            AND (
              "t16"."occurred_at" >= CAST('2026-01-02T00:00:00' AS TIMESTAMP)
            )) AS "service_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t16"."kind" = 'complaint'
            )
            AND (
              (
                "t16"."resolved_at" IS NULL
              )
              OR (
                "t16"."resolved_at" >= CAST('2026-07-01T00:00:00' AS TIMESTAMP)
              )
            )) AS "complaints_open",
          COUNT(*) FILTER(WHERE
            "t16"."kind" IN ('visit', 'call', 'message', 'care')
            AND (
              "t16"."occurred_at" >= CAST('2026-06-24T00:00:00' AS TIMESTAMP)
            )) AS "contacts_7d",
          MAX("t16"."occurred_at") AS "last_contact_at"
        FROM (
          SELECT
            *
          FROM "interaction" AS "t1"
          WHERE
            "t1"."occurred_at" < CAST('2026-07-01T00:00:00' AS TIMESTAMP)
        ) AS "t16"
        GROUP BY
          1
      ) AS "t42"
    ) AS "t51"
      ON "t15"."party_id" = "t51"."party_id_0"
    LEFT OUTER JOIN (
      SELECT
        "t29"."party_id" AS "party_id_1",
        "t29"."needs_identified"
      FROM (
        SELECT
          "t17"."party_id",
          COUNT(*) AS "needs_identified"
        FROM (
          SELECT
            *
          FROM "need" AS "t2"
          WHERE
            "t2"."identified_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t17"
        GROUP BY
          1
      ) AS "t29"
    ) AS "t38"
      ON "t15"."party_id" = "t38"."party_id_1"
    LEFT OUTER JOIN (
      SELECT
        "t63"."party_id" AS "party_id_2",
        "t63"."products_held",
        "t63"."product_families_held",
        "t63"."first_opened_on",
        "t63"."balance"
      FROM (
        SELECT
          "t62"."party_id",
          SUM("t62"."held_now") AS "products_held",
          COUNT(*) FILTER(WHERE
            (
              "t62"."held_now" > 0
            ) AND (
              "t62"."family" IS NOT NULL
            )) AS "product_families_held",
          MIN("t62"."first_opened_on") AS "first_opened_on",
          SUM("t62"."balance") AS "balance"
        FROM (
          SELECT
            "t61"."party_id",
            "t61"."family",
            COUNT(*) FILTER(WHERE
              (
                "t61"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t61"."closed_on" IS NULL
                )
                OR (
                  "t61"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "held_now",
            MIN("t61"."opened_on") AS "first_opened_on",
            SUM("t61"."balance") FILTER(WHERE
              (
                "t61"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t61"."closed_on" IS NULL
                )
                OR (
                  "t61"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "balance"
          FROM (
            SELECT
              "t24"."id",
              "t24"."party_id",
              "t24"."product_code",
              "t24"."opened_on",
              "t24"."closed_on",
              "t55"."holding_id",
              "t55"."balance",
              "t11"."code",
              "t11"."family"
            FROM (
              SELECT
                *
              FROM "holding" AS "t6"
              WHERE
                "t6"."opened_on" <= MAKE_DATE(2026, 6, 30)
            ) AS "t24"
            LEFT OUTER JOIN (
              SELECT
                "t45"."holding_id",
                SUM(CAST("t45"."amount" AS DOUBLE PRECISION)) FILTER(WHERE
                  "t45"."snapshot_on" = "t45"."balance_on") AS "balance"
              FROM (
                SELECT
                  "t12"."holding_id",
                  "t12"."snapshot_on",
                  "t12"."amount",
                  "t32"."balance_on"
                FROM "balance" AS "t12"
                INNER JOIN (
                  SELECT
                    "t10"."holding_id",
                    MAX("t10"."snapshot_on") FILTER(WHERE
                      "t10"."snapshot_on" <= MAKE_DATE(2026, 6, 30)) AS "balance_on"
                  FROM "balance" AS "t10"
                  GROUP BY
                    1
                ) AS "t32"
                  ON "t12"."holding_id" = "t32"."holding_id"
              ) AS "t45"
              GROUP BY
                1
            ) AS "t55"
              ON "t24"."id" = "t55"."holding_id"
            LEFT OUTER JOIN "product" AS "t11"
              ON "t24"."product_code" = "t11"."code"
          ) AS "t61"
          GROUP BY
            1,
            2
        ) AS "t62"
        GROUP BY
          1
      ) AS "t63"
    ) AS "t65"
      ON "t15"."party_id" = "t65"."party_id_2"
    LEFT OUTER JOIN (
      SELECT
        "t53"."party_id" AS "party_id_3",
        "t53"."partners_on_books"
      FROM (
        SELECT
          "t48"."party_id",
          COUNT(DISTINCT "t48"."partner") AS "partners_on_books"
        FROM (
          SELECT
            "t34"."party_id",
            "t34"."partner_id",
            "t22"."partner"
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
            ) AS "t25"
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
            ) AS "t26"
          ) AS "t34"
          LEFT OUTER JOIN (
            SELECT
              "t0"."id" AS "partner"
            FROM "party" AS "t0"
            WHERE
              "t0"."customer_since" <= MAKE_DATE(2026, 6, 30)
          ) AS "t22"
            ON "t34"."partner_id" = "t22"."partner"
        ) AS "t48"
        GROUP BY
          1
      ) AS "t53"
    ) AS "t58"
      ON "t15"."party_id" = "t58"."party_id_3"
    LEFT OUTER JOIN (
      SELECT
        "t39"."party_id" AS "party_id_4",
        "t39"."referrals_converted"
      FROM (
        SELECT
          "t18"."referrer_id" AS "party_id",
          COUNT(*) FILTER(WHERE
            (
              "t18"."status" = 'converted'
            )
            AND (
              "t18"."converted_on" <= MAKE_DATE(2026, 6, 30)
            )) AS "referrals_converted"
        FROM (
          SELECT
            *
          FROM "referral" AS "t3"
          WHERE
            "t3"."referred_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t18"
        GROUP BY
          1
      ) AS "t39"
    ) AS "t50"
      ON "t15"."party_id" = "t50"."party_id_4"
    LEFT OUTER JOIN (
      SELECT
        "t36"."party_id" AS "party_id_5",
        "t36"."settlement_inflow_365d"
      FROM (
        SELECT
          "t19"."party_id",
          SUM(CAST("t19"."inflow" AS DOUBLE PRECISION)) AS "settlement_inflow_365d"
        FROM (
          SELECT
            *
          FROM "settlement" AS "t4"
          WHERE
            "t4"."month" > MAKE_DATE(2025, 6, 30) AND "t4"."month" <= MAKE_DATE(2026, 6, 30)
        ) AS "t19"
        GROUP BY
          1
      ) AS "t36"
    ) AS "t47"
      ON "t15"."party_id" = "t47"."party_id_5"
    LEFT OUTER JOIN (
      SELECT
        "t33"."party_id" AS "party_id_6",
        "t33"."aml_flags_open"
      FROM (
        SELECT
          "t23"."party_id",
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
        ) AS "t23"
        GROUP BY
          1
      ) AS "t33"
    ) AS "t44"
      ON "t15"."party_id" = "t44"."party_id_6"
    LEFT OUTER JOIN (
      SELECT
        "t57"."party_id" AS "party_id_7",
        "t57"."propensity_lift"
      FROM (
        SELECT
          "t52"."party_id",
          MAX("t52"."lift") AS "propensity_lift"
        FROM (
          SELECT
            "t31"."party_id",
            "t31"."as_of",
            "t31"."target",
            "t31"."lift",
            "t41"."latest_id",
            "t41"."latest_on"
          FROM "t21" AS "t31"
          INNER JOIN (
            SELECT
              "t27"."party_id" AS "latest_id",
              MAX("t27"."as_of") AS "latest_on"
            FROM "t21" AS "t27"
            GROUP BY
              1
          ) AS "t41"
            ON "t31"."party_id" = "t41"."latest_id" AND "t31"."as_of" = "t41"."latest_on"
        ) AS "t52"
        GROUP BY
          1
      ) AS "t57"
    ) AS "t60"
      ON "t15"."party_id" = "t60"."party_id_7"
  ) AS "t66"
) AS "t67"
ORDER BY
  "t67"."party_id" ASC
