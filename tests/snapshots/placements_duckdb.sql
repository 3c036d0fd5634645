SELECT
  "t48"."party_id",
  "t48"."rm_id",
  "t48"."party_kind",
  "t48"."segment",
  "t48"."days_since_last_contact",
  "t48"."contacts_total",
  "t48"."interactions_90d",
  "t48"."events_attended_365d",
  "t48"."care_events_180d",
  "t48"."service_events_180d",
  "t48"."complaints_open",
  "t48"."needs_identified",
  "t48"."products_held",
  "t48"."product_families_held",
  "t48"."months_as_customer",
  "t48"."total_balance",
  "t48"."vip_tier",
  "t48"."referrals_converted",
  "t48"."partners_on_books",
  "t48"."met__first_contact",
  "t48"."met__bank_trust",
  "t48"."met__recent_contacts",
  "t48"."met__needs_known",
  "t48"."met__first_product",
  "t48"."met__cared_for",
  "t48"."met__no_open_complaint",
  "t48"."met__several_families",
  "t48"."met__balance_threshold",
  "t48"."met__lasting_customer",
  "t48"."met__vip_status",
  "t48"."met__broad_partnership",
  "t48"."met__regular_dialogue",
  "t48"."met__brings_others",
  CASE
    WHEN NOT (
      "t48"."met__first_contact" AND "t48"."met__bank_trust"
    )
    THEN 0
    WHEN NOT (
      "t48"."met__recent_contacts" AND "t48"."met__needs_known"
    )
    THEN 1
    WHEN NOT (
      "t48"."met__first_product"
      AND "t48"."met__cared_for"
      AND "t48"."met__no_open_complaint"
    )
    THEN 2
    WHEN NOT (
      "t48"."met__several_families"
      AND "t48"."met__balance_threshold"
      AND "t48"."met__lasting_customer"
    )
    THEN 3
    WHEN NOT (
      "t48"."met__vip_status"
      AND "t48"."met__broad_partnership"
      AND "t48"."met__regular_dialogue"
    )
    THEN 4
    WHEN NOT (
      "t48"."met__brings_others"
    )
    THEN 5
    ELSE 6
  END AS "stage_rank",
  CASE
    WHEN NOT (
      "t48"."met__first_contact" AND "t48"."met__bank_trust"
    )
    THEN CAST(NULL AS TEXT)
    WHEN NOT (
      "t48"."met__recent_contacts" AND "t48"."met__needs_known"
    )
    THEN 'acquaintance'
    WHEN NOT (
      "t48"."met__first_product"
      AND "t48"."met__cared_for"
      AND "t48"."met__no_open_complaint"
    )
    THEN 'discovery'
    WHEN NOT (
      "t48"."met__several_families"
      AND "t48"."met__balance_threshold"
      AND "t48"."met__lasting_customer"
    )
    THEN 'goodwill'
    WHEN NOT (
      "t48"."met__vip_status"
      AND "t48"."met__broad_partnership"
      AND "t48"."met__regular_dialogue"
    )
    THEN 'resource_mining'
    WHEN NOT (
      "t48"."met__brings_others"
    )
    THEN 'win_win'
    ELSE 'intermediary'
  END AS "stage_id",
  CAST(ROUND(
    CASE
      WHEN NOT (
        "t48"."met__first_contact" AND "t48"."met__bank_trust"
      )
      THEN 0 + (
        CAST(CASE WHEN "t48"."met__first_contact" THEN 1 ELSE 0 END + CASE WHEN "t48"."met__bank_trust" THEN 1 ELSE 0 END AS DOUBLE) / 2
      )
      WHEN NOT (
        "t48"."met__recent_contacts" AND "t48"."met__needs_known"
      )
      THEN 1 + (
        CAST(CASE WHEN "t48"."met__recent_contacts" THEN 1 ELSE 0 END + CASE WHEN "t48"."met__needs_known" THEN 1 ELSE 0 END AS DOUBLE) / 2
      )
      WHEN NOT (
        "t48"."met__first_product"
        AND "t48"."met__cared_for"
        AND "t48"."met__no_open_complaint"
      )
      THEN 2 + (
        CAST(CASE WHEN "t48"."met__first_product" THEN 1 ELSE 0 END + CASE WHEN "t48"."met__cared_for" THEN 1 ELSE 0 END + CASE WHEN "t48"."met__no_open_complaint" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t48"."met__several_families"
        AND "t48"."met__balance_threshold"
        AND "t48"."met__lasting_customer"
      )
      THEN 3 + (
        CAST(CASE WHEN "t48"."met__several_families" THEN 1 ELSE 0 END + CASE WHEN "t48"."met__balance_threshold" THEN 1 ELSE 0 END + CASE WHEN "t48"."met__lasting_customer" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t48"."met__vip_status"
        AND "t48"."met__broad_partnership"
        AND "t48"."met__regular_dialogue"
      )
      THEN 4 + (
        CAST(CASE WHEN "t48"."met__vip_status" THEN 1 ELSE 0 END + CASE WHEN "t48"."met__broad_partnership" THEN 1 ELSE 0 END + CASE WHEN "t48"."met__regular_dialogue" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t48"."met__brings_others"
      )
      THEN 5 + (
        CAST(CASE WHEN "t48"."met__brings_others" THEN 1 ELSE 0 END AS DOUBLE) / 1
      )
      ELSE 6 + 0.0
    END,
    4
  ) AS DOUBLE) AS "score"
FROM (
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
    COALESCE("t47"."contacts_total" >= 1, FALSE) AS "met__first_contact",
    COALESCE("t47"."events_attended_365d" >= 1, FALSE) AS "met__bank_trust",
    COALESCE("t47"."interactions_90d" >= 2, FALSE) AS "met__recent_contacts",
    COALESCE("t47"."needs_identified" >= 1, FALSE) AS "met__needs_known",
    COALESCE("t47"."products_held" >= 1, FALSE) AS "met__first_product",
    COALESCE((
      "t47"."care_events_180d" + "t47"."service_events_180d"
    ) >= 1, FALSE) AS "met__cared_for",
    COALESCE("t47"."complaints_open" = 0, FALSE) AS "met__no_open_complaint",
    COALESCE("t47"."product_families_held" >= 2, FALSE) AS "met__several_families",
    COALESCE("t47"."total_balance" >= 50000, FALSE) AS "met__balance_threshold",
    COALESCE("t47"."months_as_customer" >= 6, FALSE) AS "met__lasting_customer",
    COALESCE("t47"."vip_tier" >= 2, FALSE) AS "met__vip_status",
    COALESCE("t47"."product_families_held" >= 3, FALSE) AS "met__broad_partnership",
    COALESCE("t47"."interactions_90d" >= 3, FALSE) AS "met__regular_dialogue",
    COALESCE(
      (
        "t47"."referrals_converted" >= 1
      ) OR (
        "t47"."partners_on_books" >= 1
      ),
      FALSE
    ) AS "met__brings_others"
  FROM (
    SELECT
      "t12"."party_id",
      "t12"."rm_id",
      "t12"."party_kind",
      "t12"."segment",
      DATE_DIFF('DAY', CAST("t39"."last_contact_at" AS DATE), MAKE_DATE(2026, 6, 30)) AS "days_since_last_contact",
      COALESCE("t39"."contacts_total", 0) AS "contacts_total",
      COALESCE("t39"."interactions_90d", 0) AS "interactions_90d",
      COALESCE("t39"."events_attended_365d", 0) AS "events_attended_365d",
      COALESCE("t39"."care_events_180d", 0) AS "care_events_180d",
      COALESCE("t39"."service_events_180d", 0) AS "service_events_180d",
      COALESCE("t39"."complaints_open", 0) AS "complaints_open",
      COALESCE("t29"."needs_identified", 0) AS "needs_identified",
      COALESCE("t46"."products_held", 0) AS "products_held",
      COALESCE("t46"."product_families_held", 0) AS "product_families_held",
      CAST(FLOOR(
        (
          DATE_DIFF('DAY', "t46"."first_opened_on", MAKE_DATE(2026, 6, 30))
        ) / (
          30
        )
      ) AS BIGINT) AS "months_as_customer",
      CAST(ROUND(COALESCE("t46"."balance", 0.0), 2) AS DOUBLE) AS "total_balance",
      CASE
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t46"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t35"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t12"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 6000000
        )
        THEN 3
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t46"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t35"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t12"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 500000
        )
        THEN 2
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t46"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t35"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t12"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 50000
        )
        THEN 1
        ELSE 0
      END AS "vip_tier",
      COALESCE("t38"."referrals_converted", 0) AS "referrals_converted",
      COALESCE("t43"."partners_on_books", 0) AS "partners_on_books"
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
        "t31"."party_id" AS "party_id_0",
        "t31"."contacts_total",
        "t31"."interactions_90d",
        "t31"."events_attended_365d",
        "t31"."care_events_180d",
        "t31"."service_events_180d",
        "t31"."complaints_open",
        "t31"."last_contact_at"
      FROM (
        SELECT
          "t13"."party_id",
          COUNT(*) AS "contacts_total",
          COUNT(*) FILTER(WHERE
            "t13"."occurred_at" >= MAKE_TIMESTAMP(2026, 4, 2, 0, 0, 0.0)) AS "interactions_90d",
          COUNT(*) FILTER(WHERE
            (
              "t13"."kind" = 'event'
            )
            AND (
              "t13"."occurred_at" >= MAKE_TIMESTAMP(2025, 7, 1, 0, 0, 0.0)
            )) AS "events_attended_365d",
          COUNT(*) FILTER(WHERE
            (
              "t13"."kind" = 'care'
            )
            AND (
              "t13"."occurred_at" >= MAKE_TIMESTAMP(2026, 1, 2, 0, 0, 0.0)
            )) AS "care_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t13"."kind" = 'service'
            )
            AND (
              "t13"."occurred_at" >= MAKE_TIMESTAMP(2026, 1, 2, 0, 0, 0.0)
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
                "t13"."resolved_at" >= MAKE_TIMESTAMP(2026, 7, 1, 0, 0, 0.0)
              )
            )) AS "complaints_open",
          MAX("t13"."occurred_at") AS "last_contact_at"
        FROM (
          SELECT
            *
          FROM "interaction" AS "t1"
          WHERE
            "t1"."occurred_at" < MAKE_TIMESTAMP(2026, 7, 1, 0, 0, 0.0)
        ) AS "t13"
        GROUP BY
          1
      ) AS "t31"
    ) AS "t39"
      ON "t12"."party_id" = "t39"."party_id_0"
    LEFT OUTER JOIN (
      SELECT
        "t23"."party_id" AS "party_id_1",
        "t23"."needs_identified"
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
      ) AS "t23"
    ) AS "t29"
      ON "t12"."party_id" = "t29"."party_id_1"
    LEFT OUTER JOIN (
      SELECT
        "t44"."party_id" AS "party_id_2",
        "t44"."products_held",
        "t44"."product_families_held",
        "t44"."first_opened_on",
        "t44"."balance"
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
            "t33"."party_id",
            "t33"."family",
            COUNT(*) FILTER(WHERE
              (
                "t33"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t33"."closed_on" IS NULL
                )
                OR (
                  "t33"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "held_now",
            MIN("t33"."opened_on") AS "first_opened_on",
            SUM("t33"."balance") FILTER(WHERE
              (
                "t33"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t33"."closed_on" IS NULL
                )
                OR (
                  "t33"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "balance"
          FROM (
            SELECT
              "t19"."id",
              "t19"."party_id",
              "t19"."product_code",
              "t19"."opened_on",
              "t19"."closed_on",
              "t25"."holding_id",
              "t25"."balance",
              "t9"."code",
              "t9"."family"
            FROM (
              SELECT
                *
              FROM "holding" AS "t5"
              WHERE
                "t5"."opened_on" <= MAKE_DATE(2026, 6, 30)
            ) AS "t19"
            LEFT OUTER JOIN (
              SELECT
                "t8"."holding_id",
                ARG_MAX(CAST("t8"."amount" AS DOUBLE), "t8"."snapshot_on") FILTER(WHERE
                  "t8"."snapshot_on" <= MAKE_DATE(2026, 6, 30)) AS "balance"
              FROM "balance" AS "t8"
              GROUP BY
                1
            ) AS "t25"
              ON "t19"."id" = "t25"."holding_id"
            LEFT OUTER JOIN "product" AS "t9"
              ON "t19"."product_code" = "t9"."code"
          ) AS "t33"
          GROUP BY
            1,
            2
        ) AS "t42"
        GROUP BY
          1
      ) AS "t44"
    ) AS "t46"
      ON "t12"."party_id" = "t46"."party_id_2"
    LEFT OUTER JOIN (
      SELECT
        "t40"."party_id" AS "party_id_3",
        "t40"."partners_on_books"
      FROM (
        SELECT
          "t36"."party_id",
          COUNT(DISTINCT "t36"."partner") AS "partners_on_books"
        FROM (
          SELECT
            "t26"."party_id",
            "t26"."partner_id",
            "t18"."partner"
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
            ) AS "t20"
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
            ) AS "t21"
          ) AS "t26"
          LEFT OUTER JOIN (
            SELECT
              "t0"."id" AS "partner"
            FROM "party" AS "t0"
            WHERE
              "t0"."customer_since" <= MAKE_DATE(2026, 6, 30)
          ) AS "t18"
            ON "t26"."partner_id" = "t18"."partner"
        ) AS "t36"
        GROUP BY
          1
      ) AS "t40"
    ) AS "t43"
      ON "t12"."party_id" = "t43"."party_id_3"
    LEFT OUTER JOIN (
      SELECT
        "t30"."party_id" AS "party_id_4",
        "t30"."referrals_converted"
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
      ) AS "t30"
    ) AS "t38"
      ON "t12"."party_id" = "t38"."party_id_4"
    LEFT OUTER JOIN (
      SELECT
        "t28"."party_id" AS "party_id_5",
        "t28"."settlement_inflow_365d"
      FROM (
        SELECT
          "t16"."party_id",
          SUM(CAST("t16"."inflow" AS DOUBLE)) AS "settlement_inflow_365d"
        FROM (
          SELECT
            *
          FROM "settlement" AS "t4"
          WHERE
            "t4"."month" > MAKE_DATE(2025, 6, 30) AND "t4"."month" <= MAKE_DATE(2026, 6, 30)
        ) AS "t16"
        GROUP BY
          1
      ) AS "t28"
    ) AS "t35"
      ON "t12"."party_id" = "t35"."party_id_5"
  ) AS "t47"
) AS "t48"
ORDER BY
  "t48"."party_id" ASC
