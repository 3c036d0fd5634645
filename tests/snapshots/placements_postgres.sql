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
  "t52"."met__first_contact",
  "t52"."met__bank_trust",
  "t52"."met__recent_contacts",
  "t52"."met__needs_known",
  "t52"."met__first_product",
  "t52"."met__cared_for",
  "t52"."met__no_open_complaint",
  "t52"."met__several_families",
  "t52"."met__balance_threshold",
  "t52"."met__lasting_customer",
  "t52"."met__vip_status",
  "t52"."met__broad_partnership",
  "t52"."met__regular_dialogue",
  "t52"."met__brings_others",
  CASE
    WHEN NOT (
      "t52"."met__first_contact" AND "t52"."met__bank_trust"
    )
    THEN 0
    WHEN NOT (
      "t52"."met__recent_contacts" AND "t52"."met__needs_known"
    )
    THEN 1
    WHEN NOT (
      "t52"."met__first_product"
      AND "t52"."met__cared_for"
      AND "t52"."met__no_open_complaint"
    )
    THEN 2
    WHEN NOT (
      "t52"."met__several_families"
      AND "t52"."met__balance_threshold"
      AND "t52"."met__lasting_customer"
    )
    THEN 3
    WHEN NOT (
      "t52"."met__vip_status"
      AND "t52"."met__broad_partnership"
      AND "t52"."met__regular_dialogue"
    )
    THEN 4
    WHEN NOT (
      "t52"."met__brings_others"
    )
    THEN 5
    ELSE 6
  END AS "stage_rank",
  CASE
    WHEN NOT (
      "t52"."met__first_contact" AND "t52"."met__bank_trust"
    )
    THEN CAST(NULL AS VARCHAR)
    WHEN NOT (
      "t52"."met__recent_contacts" AND "t52"."met__needs_known"
    )
    THEN 'acquaintance'
    WHEN NOT (
      "t52"."met__first_product"
      AND "t52"."met__cared_for"
      AND "t52"."met__no_open_complaint"
    )
    THEN 'discovery'
    WHEN NOT (
      "t52"."met__several_families"
      AND "t52"."met__balance_threshold"
      AND "t52"."met__lasting_customer"
    )
    THEN 'goodwill'
    WHEN NOT (
      "t52"."met__vip_status"
      AND "t52"."met__broad_partnership"
      AND "t52"."met__regular_dialogue"
    )
    THEN 'resource_mining'
    WHEN NOT (
      "t52"."met__brings_others"
    )
    THEN 'win_win'
    ELSE 'intermediary'
  END AS "stage_id",
  CAST(ROUND(
    CAST(CASE
      WHEN NOT (
        "t52"."met__first_contact" AND "t52"."met__bank_trust"
      )
      THEN 0 + (
        CAST(CASE WHEN "t52"."met__first_contact" THEN 1 ELSE 0 END + CASE WHEN "t52"."met__bank_trust" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 2
      )
      WHEN NOT (
        "t52"."met__recent_contacts" AND "t52"."met__needs_known"
      )
      THEN 1 + (
        CAST(CASE WHEN "t52"."met__recent_contacts" THEN 1 ELSE 0 END + CASE WHEN "t52"."met__needs_known" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 2
      )
      WHEN NOT (
        "t52"."met__first_product"
        AND "t52"."met__cared_for"
        AND "t52"."met__no_open_complaint"
      )
      THEN 2 + (
        CAST(CASE WHEN "t52"."met__first_product" THEN 1 ELSE 0 END + CASE WHEN "t52"."met__cared_for" THEN 1 ELSE 0 END + CASE WHEN "t52"."met__no_open_complaint" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t52"."met__several_families"
        AND "t52"."met__balance_threshold"
        AND "t52"."met__lasting_customer"
      )
      THEN 3 + (
        CAST(CASE WHEN "t52"."met__several_families" THEN 1 ELSE 0 END + CASE WHEN "t52"."met__balance_threshold" THEN 1 ELSE 0 END + CASE WHEN "t52"."met__lasting_customer" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t52"."met__vip_status"
        AND "t52"."met__broad_partnership"
        AND "t52"."met__regular_dialogue"
      )
      THEN 4 + (
        CAST(CASE WHEN "t52"."met__vip_status" THEN 1 ELSE 0 END + CASE WHEN "t52"."met__broad_partnership" THEN 1 ELSE 0 END + CASE WHEN "t52"."met__regular_dialogue" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t52"."met__brings_others"
      )
      THEN 5 + (
        CAST(CASE WHEN "t52"."met__brings_others" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 1
      )
      ELSE 6 + 0.0
    END AS DECIMAL),
    4
  ) AS DOUBLE PRECISION) AS "score"
FROM (
  SELECT
    "t51"."party_id",
    "t51"."rm_id",
    "t51"."party_kind",
    "t51"."segment",
    "t51"."days_since_last_contact",
    "t51"."contacts_total",
    "t51"."interactions_90d",
    "t51"."events_attended_365d",
    "t51"."care_events_180d",
    "t51"."service_events_180d",
    "t51"."complaints_open",
    "t51"."needs_identified",
    "t51"."products_held",
    "t51"."product_families_held",
    "t51"."months_as_customer",
    "t51"."total_balance",
    "t51"."vip_tier",
    "t51"."referrals_converted",
    "t51"."partners_on_books",
    COALESCE("t51"."contacts_total" >= 1, FALSE) AS "met__first_contact",
    COALESCE("t51"."events_attended_365d" >= 1, FALSE) AS "met__bank_trust",
    COALESCE("t51"."interactions_90d" >= 2, FALSE) AS "met__recent_contacts",
    COALESCE("t51"."needs_identified" >= 1, FALSE) AS "met__needs_known",
    COALESCE("t51"."products_held" >= 1, FALSE) AS "met__first_product",
    COALESCE((
      "t51"."care_events_180d" + "t51"."service_events_180d"
    ) >= 1, FALSE) AS "met__cared_for",
    COALESCE("t51"."complaints_open" = 0, FALSE) AS "met__no_open_complaint",
    COALESCE("t51"."product_families_held" >= 2, FALSE) AS "met__several_families",
    COALESCE("t51"."total_balance" >= 50000, FALSE) AS "met__balance_threshold",
    COALESCE("t51"."months_as_customer" >= 6, FALSE) AS "met__lasting_customer",
    COALESCE("t51"."vip_tier" >= 2, FALSE) AS "met__vip_status",
    COALESCE("t51"."product_families_held" >= 3, FALSE) AS "met__broad_partnership",
    COALESCE("t51"."interactions_90d" >= 3, FALSE) AS "met__regular_dialogue",
    COALESCE(
      (
        "t51"."referrals_converted" >= 1
      ) OR (
        "t51"."partners_on_books" >= 1
      ),
      FALSE
    ) AS "met__brings_others"
  FROM (
    SELECT
      "t13"."party_id",
      "t13"."rm_id",
      "t13"."party_kind",
      "t13"."segment",
      CAST(EXTRACT(epoch FROM CAST(MAKE_DATE(2026, 6, 30) AS TIMESTAMP) - CAST(DATE("t40"."last_contact_at") AS TIMESTAMP)) / 86400 AS BIGINT) AS "days_since_last_contact",
      COALESCE("t40"."contacts_total", 0) AS "contacts_total",
      COALESCE("t40"."interactions_90d", 0) AS "interactions_90d",
      COALESCE("t40"."events_attended_365d", 0) AS "events_attended_365d",
      COALESCE("t40"."care_events_180d", 0) AS "care_events_180d",
      COALESCE("t40"."service_events_180d", 0) AS "service_events_180d",
      COALESCE("t40"."complaints_open", 0) AS "complaints_open",
      COALESCE("t30"."needs_identified", 0) AS "needs_identified",
      COALESCE("t50"."products_held", 0) AS "products_held",
      COALESCE("t50"."product_families_held", 0) AS "product_families_held",
      CAST(FLOOR(
        CAST((
          CAST(EXTRACT(epoch FROM CAST(MAKE_DATE(2026, 6, 30) AS TIMESTAMP) - CAST("t50"."first_opened_on" AS TIMESTAMP)) / 86400 AS BIGINT)
        ) AS DOUBLE PRECISION) / (
          30
        )
      ) AS BIGINT) AS "months_as_customer",
      CAST(ROUND(CAST(COALESCE("t50"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) AS "total_balance",
      CASE
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t50"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t36"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t13"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 6000000
        )
        THEN 3
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t50"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t36"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t13"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 500000
        )
        THEN 2
        WHEN CAST(ROUND(
          CAST(CAST(ROUND(CAST(COALESCE("t50"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) + (
            CAST(COALESCE("t36"."settlement_inflow_365d", 0.0) AS DOUBLE PRECISION) / 12
          ) AS DECIMAL),
          2
        ) AS DOUBLE PRECISION) >= (
          CASE WHEN "t13"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 50000
        )
        THEN 1
        ELSE 0
      END AS "vip_tier",
      COALESCE("t39"."referrals_converted", 0) AS "referrals_converted",
      COALESCE("t45"."partners_on_books", 0) AS "partners_on_books"
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
        "t32"."party_id" AS "party_id_0",
        "t32"."contacts_total",
        "t32"."interactions_90d",
        "t32"."events_attended_365d",
        "t32"."care_events_180d",
        "t32"."service_events_180d",
        "t32"."complaints_open",
        "t32"."last_contact_at"
      FROM (
        SELECT
          "t14"."party_id",
          COUNT(*) AS "contacts_total",
          COUNT(*) FILTER(WHERE
            "t14"."occurred_at" >= CAST('2026-04-02T00:00:00' AS TIMESTAMP)) AS "interactions_90d",
          COUNT(*) FILTER(WHERE
            (
              "t14"."kind" = 'event'
            )
            AND (
              "t14"."occurred_at" >= CAST('2025-07-01T00:00:00' AS TIMESTAMP)
            )) AS "events_attended_365d",
          COUNT(*) FILTER(WHERE
            (
              "t14"."kind" = 'care'
            )
            AND (
              "t14"."occurred_at" >= CAST('2026-01-02T00:00:00' AS TIMESTAMP)
            )) AS "care_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t14"."kind" = 'service'
            )
            AND (
              "t14"."occurred_at" >= CAST('2026-01-02T00:00:00' AS TIMESTAMP)
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
                "t14"."resolved_at" >= CAST('2026-07-01T00:00:00' AS TIMESTAMP)
              )
            )) AS "complaints_open",
          MAX("t14"."occurred_at") AS "last_contact_at"
        FROM (
          SELECT
            *
          FROM "interaction" AS "t1"
          WHERE
            "t1"."occurred_at" < CAST('2026-07-01T00:00:00' AS TIMESTAMP)
        ) AS "t14"
        GROUP BY
          1
      ) AS "t32"
    ) AS "t40"
      ON "t13"."party_id" = "t40"."party_id_0"
    LEFT OUTER JOIN (
      SELECT
        "t24"."party_id" AS "party_id_1",
        "t24"."needs_identified"
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
      ) AS "t24"
    ) AS "t30"
      ON "t13"."party_id" = "t30"."party_id_1"
    LEFT OUTER JOIN (
      SELECT
        "t48"."party_id" AS "party_id_2",
        "t48"."products_held",
        "t48"."product_families_held",
        "t48"."first_opened_on",
        "t48"."balance"
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
            "t46"."party_id",
            "t46"."family",
            COUNT(*) FILTER(WHERE
              (
                "t46"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t46"."closed_on" IS NULL
                )
                OR (
                  "t46"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "held_now",
            MIN("t46"."opened_on") AS "first_opened_on",
            SUM("t46"."balance") FILTER(WHERE
              (
                "t46"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t46"."closed_on" IS NULL
                )
                OR (
                  "t46"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "balance"
          FROM (
            SELECT
              "t20"."id",
              "t20"."party_id",
              "t20"."product_code",
              "t20"."opened_on",
              "t20"."closed_on",
              "t43"."holding_id",
              "t43"."balance",
              "t9"."code",
              "t9"."family"
            FROM (
              SELECT
                *
              FROM "holding" AS "t5"
              WHERE
                "t5"."opened_on" <= MAKE_DATE(2026, 6, 30)
            ) AS "t20"
            LEFT OUTER JOIN (
              SELECT
                "t34"."holding_id",
                SUM(CAST("t34"."amount" AS DOUBLE PRECISION)) FILTER(WHERE
                  "t34"."snapshot_on" = "t34"."balance_on") AS "balance"
              FROM (
                SELECT
                  "t10"."holding_id",
                  "t10"."snapshot_on",
                  "t10"."amount",
                  "t26"."balance_on"
                FROM "balance" AS "t10"
                INNER JOIN (
                  SELECT
                    "t8"."holding_id",
                    MAX("t8"."snapshot_on") FILTER(WHERE
                      "t8"."snapshot_on" <= MAKE_DATE(2026, 6, 30)) AS "balance_on"
                  FROM "balance" AS "t8"
                  GROUP BY
                    1
                ) AS "t26"
                  ON "t10"."holding_id" = "t26"."holding_id"
              ) AS "t34"
              GROUP BY
                1
            ) AS "t43"
              ON "t20"."id" = "t43"."holding_id"
            LEFT OUTER JOIN "product" AS "t9"
              ON "t20"."product_code" = "t9"."code"
          ) AS "t46"
          GROUP BY
            1,
            2
        ) AS "t47"
        GROUP BY
          1
      ) AS "t48"
    ) AS "t50"
      ON "t13"."party_id" = "t50"."party_id_2"
    LEFT OUTER JOIN (
      SELECT
        "t41"."party_id" AS "party_id_3",
        "t41"."partners_on_books"
      FROM (
        SELECT
          "t37"."party_id",
          COUNT(DISTINCT "t37"."partner") AS "partners_on_books"
        FROM (
          SELECT
            "t27"."party_id",
            "t27"."partner_id",
            "t19"."partner"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t7"."from_party_id" AS "party_id",
                "t7"."to_party_id" AS "partner_id"
              FROM "relationship" AS "t7"
              WHERE
                "t7"."kind" IN ('supplier_of', 'buyer_of')
                AND (
                  (
                    "t7"."since" IS NULL
                  ) OR (
                    "t7"."since" <= MAKE_DATE(2026, 6, 30)
                  )
                )
            ) AS "t21"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t7"."to_party_id" AS "party_id",
                "t7"."from_party_id" AS "partner_id"
              FROM "relationship" AS "t7"
              WHERE
                "t7"."kind" IN ('supplier_of', 'buyer_of')
                AND (
                  (
                    "t7"."since" IS NULL
                  ) OR (
                    "t7"."since" <= MAKE_DATE(2026, 6, 30)
                  )
                )
            ) AS "t22"
          ) AS "t27"
          LEFT OUTER JOIN (
            SELECT
              "t0"."id" AS "partner"
            FROM "party" AS "t0"
            WHERE
              "t0"."customer_since" <= MAKE_DATE(2026, 6, 30)
          ) AS "t19"
            ON "t27"."partner_id" = "t19"."partner"
        ) AS "t37"
        GROUP BY
          1
      ) AS "t41"
    ) AS "t45"
      ON "t13"."party_id" = "t45"."party_id_3"
    LEFT OUTER JOIN (
      SELECT
        "t31"."party_id" AS "party_id_4",
        "t31"."referrals_converted"
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
      ) AS "t31"
    ) AS "t39"
      ON "t13"."party_id" = "t39"."party_id_4"
    LEFT OUTER JOIN (
      SELECT
        "t29"."party_id" AS "party_id_5",
        "t29"."settlement_inflow_365d"
      FROM (
        SELECT
          "t17"."party_id",
          SUM(CAST("t17"."inflow" AS DOUBLE PRECISION)) AS "settlement_inflow_365d"
        FROM (
          SELECT
            *
          FROM "settlement" AS "t4"
          WHERE
            "t4"."month" > MAKE_DATE(2025, 6, 30) AND "t4"."month" <= MAKE_DATE(2026, 6, 30)
        ) AS "t17"
        GROUP BY
          1
      ) AS "t29"
    ) AS "t36"
      ON "t13"."party_id" = "t36"."party_id_5"
  ) AS "t51"
) AS "t52"
ORDER BY
  "t52"."party_id" ASC
