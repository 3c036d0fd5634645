SELECT
  "t47"."party_id",
  "t47"."rm_id",
  "t47"."party_kind",
  "t47"."segment",
  "t47"."days_since_last_contact",
  "t47"."contacts_total",
  "t47"."interactions_90d",
  "t47"."events_attended_365d",
  "t47"."care_events_180d",
  "t47"."service_events_180d",
  "t47"."complaints_open",
  "t47"."needs_identified",
  "t47"."products_held",
  "t47"."product_families_held",
  "t47"."months_as_customer",
  "t47"."total_balance",
  "t47"."vip_tier",
  "t47"."referrals_converted",
  "t47"."partners_on_books",
  "t47"."met__first_contact",
  "t47"."met__bank_trust",
  "t47"."met__recent_contacts",
  "t47"."met__needs_known",
  "t47"."met__first_product",
  "t47"."met__cared_for",
  "t47"."met__no_open_complaint",
  "t47"."met__several_families",
  "t47"."met__balance_threshold",
  "t47"."met__lasting_customer",
  "t47"."met__vip_status",
  "t47"."met__broad_partnership",
  "t47"."met__regular_dialogue",
  "t47"."met__brings_others",
  CASE
    WHEN NOT (
      "t47"."met__first_contact" AND "t47"."met__bank_trust"
    )
    THEN 0
    WHEN NOT (
      "t47"."met__recent_contacts" AND "t47"."met__needs_known"
    )
    THEN 1
    WHEN NOT (
      "t47"."met__first_product"
      AND "t47"."met__cared_for"
      AND "t47"."met__no_open_complaint"
    )
    THEN 2
    WHEN NOT (
      "t47"."met__several_families"
      AND "t47"."met__balance_threshold"
      AND "t47"."met__lasting_customer"
    )
    THEN 3
    WHEN NOT (
      "t47"."met__vip_status"
      AND "t47"."met__broad_partnership"
      AND "t47"."met__regular_dialogue"
    )
    THEN 4
    WHEN NOT (
      "t47"."met__brings_others"
    )
    THEN 5
    ELSE 6
  END AS "stage_rank",
  CASE
    WHEN NOT (
      "t47"."met__first_contact" AND "t47"."met__bank_trust"
    )
    THEN CAST(NULL AS VARCHAR)
    WHEN NOT (
      "t47"."met__recent_contacts" AND "t47"."met__needs_known"
    )
    THEN 'acquaintance'
    WHEN NOT (
      "t47"."met__first_product"
      AND "t47"."met__cared_for"
      AND "t47"."met__no_open_complaint"
    )
    THEN 'discovery'
    WHEN NOT (
      "t47"."met__several_families"
      AND "t47"."met__balance_threshold"
      AND "t47"."met__lasting_customer"
    )
    THEN 'goodwill'
    WHEN NOT (
      "t47"."met__vip_status"
      AND "t47"."met__broad_partnership"
      AND "t47"."met__regular_dialogue"
    )
    THEN 'resource_mining'
    WHEN NOT (
      "t47"."met__brings_others"
    )
    THEN 'win_win'
    ELSE 'intermediary'
  END AS "stage_id",
  CAST(ROUND(
    CAST(CASE
      WHEN NOT (
        "t47"."met__first_contact" AND "t47"."met__bank_trust"
      )
      THEN 0 + (
        CAST(CASE WHEN "t47"."met__first_contact" THEN 1 ELSE 0 END + CASE WHEN "t47"."met__bank_trust" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 2
      )
      WHEN NOT (
        "t47"."met__recent_contacts" AND "t47"."met__needs_known"
      )
      THEN 1 + (
        CAST(CASE WHEN "t47"."met__recent_contacts" THEN 1 ELSE 0 END + CASE WHEN "t47"."met__needs_known" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 2
      )
      WHEN NOT (
        "t47"."met__first_product"
        AND "t47"."met__cared_for"
        AND "t47"."met__no_open_complaint"
      )
      THEN 2 + (
        CAST(CASE WHEN "t47"."met__first_product" THEN 1 ELSE 0 END + CASE WHEN "t47"."met__cared_for" THEN 1 ELSE 0 END + CASE WHEN "t47"."met__no_open_complaint" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t47"."met__several_families"
        AND "t47"."met__balance_threshold"
        AND "t47"."met__lasting_customer"
      )
      THEN 3 + (
        CAST(CASE WHEN "t47"."met__several_families" THEN 1 ELSE 0 END + CASE WHEN "t47"."met__balance_threshold" THEN 1 ELSE 0 END + CASE WHEN "t47"."met__lasting_customer" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t47"."met__vip_status"
        AND "t47"."met__broad_partnership"
        AND "t47"."met__regular_dialogue"
      )
      THEN 4 + (
        CAST(CASE WHEN "t47"."met__vip_status" THEN 1 ELSE 0 END + CASE WHEN "t47"."met__broad_partnership" THEN 1 ELSE 0 END + CASE WHEN "t47"."met__regular_dialogue" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 3
      )
      WHEN NOT (
        "t47"."met__brings_others"
      )
      THEN 5 + (
        CAST(CASE WHEN "t47"."met__brings_others" THEN 1 ELSE 0 END AS DOUBLE PRECISION) / 1
      )
      ELSE 6 + 0.0
    END AS DECIMAL),
    4
  ) AS DOUBLE PRECISION) AS "score"
FROM (
  SELECT
    "t46"."party_id",
    "t46"."rm_id",
    "t46"."party_kind",
    "t46"."segment",
    "t46"."days_since_last_contact",
    "t46"."contacts_total",
    "t46"."interactions_90d",
    "t46"."events_attended_365d",
    "t46"."care_events_180d",
    "t46"."service_events_180d",
    "t46"."complaints_open",
    "t46"."needs_identified",
    "t46"."products_held",
    "t46"."product_families_held",
    "t46"."months_as_customer",
    "t46"."total_balance",
    "t46"."vip_tier",
    "t46"."referrals_converted",
    "t46"."partners_on_books",
    COALESCE("t46"."contacts_total" >= 1, FALSE) AS "met__first_contact",
    COALESCE("t46"."events_attended_365d" >= 1, FALSE) AS "met__bank_trust",
    COALESCE("t46"."interactions_90d" >= 2, FALSE) AS "met__recent_contacts",
    COALESCE("t46"."needs_identified" >= 1, FALSE) AS "met__needs_known",
    COALESCE("t46"."products_held" >= 1, FALSE) AS "met__first_product",
    COALESCE((
      "t46"."care_events_180d" + "t46"."service_events_180d"
    ) >= 1, FALSE) AS "met__cared_for",
    COALESCE("t46"."complaints_open" = 0, FALSE) AS "met__no_open_complaint",
    COALESCE("t46"."product_families_held" >= 2, FALSE) AS "met__several_families",
    COALESCE("t46"."total_balance" >= 50000, FALSE) AS "met__balance_threshold",
    COALESCE("t46"."months_as_customer" >= 6, FALSE) AS "met__lasting_customer",
    COALESCE("t46"."vip_tier" >= 2, FALSE) AS "met__vip_status",
    COALESCE("t46"."product_families_held" >= 3, FALSE) AS "met__broad_partnership",
    COALESCE("t46"."interactions_90d" >= 3, FALSE) AS "met__regular_dialogue",
    COALESCE(
      (
        "t46"."referrals_converted" >= 1
      ) OR (
        "t46"."partners_on_books" >= 1
      ),
      FALSE
    ) AS "met__brings_others"
  FROM (
    SELECT
      "t12"."party_id",
      "t12"."rm_id",
      "t12"."party_kind",
      "t12"."segment",
      CAST(EXTRACT(epoch FROM CAST(MAKE_DATE(2026, 6, 30) AS TIMESTAMP) - CAST(DATE("t35"."last_contact_at") AS TIMESTAMP)) / 86400 AS BIGINT) AS "days_since_last_contact",
      COALESCE("t35"."contacts_total", 0) AS "contacts_total",
      COALESCE("t35"."interactions_90d", 0) AS "interactions_90d",
      COALESCE("t35"."events_attended_365d", 0) AS "events_attended_365d",
      COALESCE("t35"."care_events_180d", 0) AS "care_events_180d",
      COALESCE("t35"."service_events_180d", 0) AS "service_events_180d",
      COALESCE("t35"."complaints_open", 0) AS "complaints_open",
      COALESCE("t27"."needs_identified", 0) AS "needs_identified",
      COALESCE("t45"."products_held", 0) AS "products_held",
      COALESCE("t45"."product_families_held", 0) AS "product_families_held",
      CAST(FLOOR(
        CAST((
          CAST(EXTRACT(epoch FROM CAST(MAKE_DATE(2026, 6, 30) AS TIMESTAMP) - CAST("t45"."first_opened_on" AS TIMESTAMP)) / 86400 AS BIGINT)
        ) AS DOUBLE PRECISION) / (
          30
        )
      ) AS BIGINT) AS "months_as_customer",
      CAST(ROUND(CAST(COALESCE("t45"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) AS "total_balance",
      CASE
        WHEN CAST(ROUND(CAST(COALESCE("t45"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) >= (
          CASE WHEN "t12"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 6000000
        )
        THEN 3
        WHEN CAST(ROUND(CAST(COALESCE("t45"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) >= (
          CASE WHEN "t12"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 500000
        )
        THEN 2
        WHEN CAST(ROUND(CAST(COALESCE("t45"."balance", 0.0) AS DECIMAL), 2) AS DOUBLE PRECISION) >= (
          CASE WHEN "t12"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 50000
        )
        THEN 1
        ELSE 0
      END AS "vip_tier",
      COALESCE("t34"."referrals_converted", 0) AS "referrals_converted",
      COALESCE("t40"."partners_on_books", 0) AS "partners_on_books"
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
    ) AS "t12"
    LEFT OUTER JOIN (
      SELECT
        "t29"."party_id" AS "party_id_0",
        "t29"."contacts_total",
        "t29"."interactions_90d",
        "t29"."events_attended_365d",
        "t29"."care_events_180d",
        "t29"."service_events_180d",
        "t29"."complaints_open",
        "t29"."last_contact_at"
      FROM (
        SELECT
          "t13"."party_id",
          COUNT(*) AS "contacts_total",
          COUNT(*) FILTER(WHERE
            "t13"."occurred_at" >= CAST('2026-04-02T00:00:00' AS TIMESTAMP)) AS "interactions_90d",
          COUNT(*) FILTER(WHERE
            (
              "t13"."kind" = 'event'
            )
            AND (
              "t13"."occurred_at" >= CAST('2025-07-01T00:00:00' AS TIMESTAMP)
            )) AS "events_attended_365d",
          COUNT(*) FILTER(WHERE
            (
              "t13"."kind" = 'care'
            )
            AND (
              "t13"."occurred_at" >= CAST('2026-01-02T00:00:00' AS TIMESTAMP)
            )) AS "care_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t13"."kind" = 'service'
            )
            AND (
              "t13"."occurred_at" >= CAST('2026-01-02T00:00:00' AS TIMESTAMP)
            )) AS "service_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t13"."kind" = 'complaint'
            )
            AND (
              (
                "t13"."resolved_at" IS NULL
              )
              OR (
                "t13"."resolved_at" >= CAST('2026-07-01T00:00:00' AS TIMESTAMP)
              )
            )) AS "complaints_open",
          MAX("t13"."occurred_at") AS "last_contact_at"
        FROM (
          SELECT
            *
          FROM "interaction" AS "t1"
          WHERE
            "t1"."occurred_at" < CAST('2026-07-01T00:00:00' AS TIMESTAMP)
        ) AS "t13"
        GROUP BY
          1
      ) AS "t29"
    ) AS "t35"
      ON "t12"."party_id" = "t35"."party_id_0"
    LEFT OUTER JOIN (
      SELECT
        "t22"."party_id" AS "party_id_1",
        "t22"."needs_identified"
      FROM (
        SELECT
          "t14"."party_id",
          COUNT(*) AS "needs_identified"
        FROM (
          SELECT
            *
          FROM "need" AS "t2"
          WHERE
            "t2"."identified_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t14"
        GROUP BY
          1
      ) AS "t22"
    ) AS "t27"
      ON "t12"."party_id" = "t27"."party_id_1"
    LEFT OUTER JOIN (
      SELECT
        "t43"."party_id" AS "party_id_2",
        "t43"."products_held",
        "t43"."product_families_held",
        "t43"."first_opened_on",
        "t43"."balance"
      FROM (
        SELECT
          "t42"."party_id",
          SUM("t42"."held_now") AS "products_held",
          COUNT(*) FILTER(WHERE
            (
              "t42"."held_now" > 0
            ) AND (
              "t42"."family" IS NOT NULL
            )) AS "product_families_held",
          MIN("t42"."first_opened_on") AS "first_opened_on",
          SUM("t42"."balance") AS "balance"
        FROM (
          SELECT
            "t41"."party_id",
            "t41"."family",
            COUNT(*) FILTER(WHERE
              (
                "t41"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t41"."closed_on" IS NULL
                )
                OR (
                  "t41"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "held_now",
            MIN("t41"."opened_on") AS "first_opened_on",
            SUM("t41"."balance") FILTER(WHERE
              (
                "t41"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t41"."closed_on" IS NULL
                )
                OR (
                  "t41"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "balance"
          FROM (
            SELECT
              "t18"."id",
              "t18"."party_id",
              "t18"."product_code",
              "t18"."opened_on",
              "t18"."closed_on",
              "t38"."holding_id",
              "t38"."balance",
              "t8"."code",
              "t8"."family"
            FROM (
              SELECT
                *
              FROM "holding" AS "t4"
              WHERE
                "t4"."opened_on" <= MAKE_DATE(2026, 6, 30)
            ) AS "t18"
            LEFT OUTER JOIN (
              SELECT
                "t30"."holding_id",
                SUM(CAST("t30"."amount" AS DOUBLE PRECISION)) FILTER(WHERE
                  "t30"."snapshot_on" = "t30"."balance_on") AS "balance"
              FROM (
                SELECT
                  "t9"."holding_id",
                  "t9"."snapshot_on",
                  "t9"."amount",
                  "t24"."balance_on"
                FROM "balance" AS "t9"
                INNER JOIN (
                  SELECT
                    "t7"."holding_id",
                    MAX("t7"."snapshot_on") FILTER(WHERE
                      "t7"."snapshot_on" <= MAKE_DATE(2026, 6, 30)) AS "balance_on"
                  FROM "balance" AS "t7"
                  GROUP BY
                    1
                ) AS "t24"
                  ON "t9"."holding_id" = "t24"."holding_id"
              ) AS "t30"
              GROUP BY
                1
            ) AS "t38"
              ON "t18"."id" = "t38"."holding_id"
            LEFT OUTER JOIN "product" AS "t8"
              ON "t18"."product_code" = "t8"."code"
          ) AS "t41"
          GROUP BY
            1,
            2
        ) AS "t42"
        GROUP BY
          1
      ) AS "t43"
    ) AS "t45"
      ON "t12"."party_id" = "t45"."party_id_2"
    LEFT OUTER JOIN (
      SELECT
        "t36"."party_id" AS "party_id_3",
        "t36"."partners_on_books"
      FROM (
        SELECT
          "t32"."party_id",
          COUNT(DISTINCT "t32"."partner") AS "partners_on_books"
        FROM (
          SELECT
            "t25"."party_id",
            "t25"."partner_id",
            "t17"."partner"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t6"."from_party_id" AS "party_id",
                "t6"."to_party_id" AS "partner_id"
              FROM "relationship" AS "t6"
              WHERE
                "t6"."kind" IN ('supplier_of', 'buyer_of')
                AND (
                  (
                    "t6"."since" IS NULL
                  ) OR (
                    "t6"."since" <= MAKE_DATE(2026, 6, 30)
                  )
                )
            ) AS "t19"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t6"."to_party_id" AS "party_id",
                "t6"."from_party_id" AS "partner_id"
              FROM "relationship" AS "t6"
              WHERE
                "t6"."kind" IN ('supplier_of', 'buyer_of')
                AND (
                  (
                    "t6"."since" IS NULL
                  ) OR (
                    "t6"."since" <= MAKE_DATE(2026, 6, 30)
                  )
                )
            ) AS "t20"
          ) AS "t25"
          LEFT OUTER JOIN (
            SELECT
              "t0"."id" AS "partner"
            FROM "party" AS "t0"
            WHERE
              "t0"."customer_since" <= MAKE_DATE(2026, 6, 30)
          ) AS "t17"
            ON "t25"."partner_id" = "t17"."partner"
        ) AS "t32"
        GROUP BY
          1
      ) AS "t36"
    ) AS "t40"
      ON "t12"."party_id" = "t40"."party_id_3"
    LEFT OUTER JOIN (
      SELECT
        "t28"."party_id" AS "party_id_4",
        "t28"."referrals_converted"
      FROM (
        SELECT
          "t15"."referrer_id" AS "party_id",
          COUNT(*) FILTER(WHERE
            (
              "t15"."status" = 'converted'
            )
            AND (
              "t15"."converted_on" <= MAKE_DATE(2026, 6, 30)
            )) AS "referrals_converted"
        FROM (
          SELECT
            *
          FROM "referral" AS "t3"
          WHERE
            "t3"."referred_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t15"
        GROUP BY
          1
      ) AS "t28"
    ) AS "t34"
      ON "t12"."party_id" = "t34"."party_id_4"
  ) AS "t46"
) AS "t47"
ORDER BY
  "t47"."party_id" ASC
