WITH "t20" AS (
  SELECT
    *
  FROM "propensity_score" AS "t9"
  WHERE
    "t9"."target" = 'advance'
    AND "t9"."as_of" <= MAKE_DATE(2026, 6, 30)
    AND "t9"."as_of" >= MAKE_DATE(2026, 4, 1)
)
SELECT
  "t63"."party_id",
  "t63"."rm_id",
  "t63"."party_kind",
  "t63"."segment",
  "t63"."days_since_last_contact",
  "t63"."contacts_total",
  "t63"."interactions_90d",
  "t63"."events_attended_365d",
  "t63"."care_events_180d",
  "t63"."service_events_180d",
  "t63"."complaints_open",
  "t63"."needs_identified",
  "t63"."products_held",
  "t63"."product_families_held",
  "t63"."months_as_customer",
  "t63"."total_balance",
  "t63"."vip_tier",
  "t63"."referrals_converted",
  "t63"."partners_on_books",
  "t63"."kyc_valid",
  "t63"."is_customer",
  "t63"."aml_flagged",
  "t63"."contacts_7d",
  "t63"."propensity_lift",
  "t63"."met__first_contact",
  "t63"."met__bank_trust",
  "t63"."met__recent_contacts",
  "t63"."met__needs_known",
  "t63"."met__first_product",
  "t63"."met__cared_for",
  "t63"."met__no_open_complaint",
  "t63"."met__several_families",
  "t63"."met__balance_threshold",
  "t63"."met__lasting_customer",
  "t63"."met__vip_status",
  "t63"."met__broad_partnership",
  "t63"."met__regular_dialogue",
  "t63"."met__brings_others",
  CASE
    WHEN NOT (
      "t63"."met__first_contact" AND "t63"."met__bank_trust"
    )
    THEN 0
    WHEN NOT (
      "t63"."met__recent_contacts" AND "t63"."met__needs_known"
    )
    THEN 1
    WHEN NOT (
      "t63"."met__first_product"
      AND "t63"."met__cared_for"
      AND "t63"."met__no_open_complaint"
    )
    THEN 2
    WHEN NOT (
      "t63"."met__several_families"
      AND "t63"."met__balance_threshold"
      AND "t63"."met__lasting_customer"
    )
    THEN 3
    WHEN NOT (
      "t63"."met__vip_status"
      AND "t63"."met__broad_partnership"
      AND "t63"."met__regular_dialogue"
    )
    THEN 4
    WHEN NOT (
      "t63"."met__brings_others"
    )
    THEN 5
    ELSE 6
  END AS "stage_rank",
  CASE
    WHEN NOT (
      "t63"."met__first_contact" AND "t63"."met__bank_trust"
    )
    THEN CAST(NULL AS TEXT)
    WHEN NOT (
      "t63"."met__recent_contacts" AND "t63"."met__needs_known"
    )
    THEN 'acquaintance'
    WHEN NOT (
      "t63"."met__first_product"
      AND "t63"."met__cared_for"
      AND "t63"."met__no_open_complaint"
    )
    THEN 'discovery'
    WHEN NOT (
      "t63"."met__several_families"
      AND "t63"."met__balance_threshold"
      AND "t63"."met__lasting_customer"
    )
    THEN 'goodwill'
    WHEN NOT (
      "t63"."met__vip_status"
      AND "t63"."met__broad_partnership"
      AND "t63"."met__regular_dialogue"
    )
    THEN 'resource_mining'
    WHEN NOT (
      "t63"."met__brings_others"
    )
    THEN 'win_win'
    ELSE 'intermediary'
  END AS "stage_id",
  CAST(ROUND(
    CASE
      WHEN NOT (
        "t63"."met__first_contact" AND "t63"."met__bank_trust"
      )
      THEN 0 + (
        CAST(CASE WHEN "t63"."met__first_contact" THEN 1 ELSE 0 END + CASE WHEN "t63"."met__bank_trust" THEN 1 ELSE 0 END AS DOUBLE) / 2
      )
      WHEN NOT (
        "t63"."met__recent_contacts" AND "t63"."met__needs_known"
      )
      THEN 1 + (
        CAST(CASE WHEN "t63"."met__recent_contacts" THEN 1 ELSE 0 END + CASE WHEN "t63"."met__needs_known" THEN 1 ELSE 0 END AS DOUBLE) / 2
      )
      WHEN NOT (
        "t63"."met__first_product"
        AND "t63"."met__cared_for"
        AND "t63"."met__no_open_complaint"
      )
      THEN 2 + (
        CAST(CASE WHEN "t63"."met__first_product" THEN 1 ELSE 0 END + CASE WHEN "t63"."met__cared_for" THEN 1 ELSE 0 END + CASE WHEN "t63"."met__no_open_complaint" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t63"."met__several_families"
        AND "t63"."met__balance_threshold"
        AND "t63"."met__lasting_customer"
      )
      THEN 3 + (
        CAST(CASE WHEN "t63"."met__several_families" THEN 1 ELSE 0 END + CASE WHEN "t63"."met__balance_threshold" THEN 1 ELSE 0 END + CASE WHEN "t63"."met__lasting_customer" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t63"."met__vip_status"
        AND "t63"."met__broad_partnership"
        AND "t63"."met__regular_dialogue"
      )
      THEN 4 + (
        CAST(CASE WHEN "t63"."met__vip_status" THEN 1 ELSE 0 END + CASE WHEN "t63"."met__broad_partnership" THEN 1 ELSE 0 END + CASE WHEN "t63"."met__regular_dialogue" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t63"."met__brings_others"
      )
      THEN 5 + (
        CAST(CASE WHEN "t63"."met__brings_others" THEN 1 ELSE 0 END AS DOUBLE) / 1
      )
      ELSE 6 + 0.0
    END,
    4
  ) AS DOUBLE) AS "score"
FROM (
  SELECT
    "t62"."party_id",
    "t62"."rm_id",
    "t62"."party_kind",
    "t62"."segment",
    "t62"."days_since_last_contact",
    "t62"."contacts_total",
    "t62"."interactions_90d",
    "t62"."events_attended_365d",
    "t62"."care_events_180d",
    "t62"."service_events_180d",
    "t62"."complaints_open",
    "t62"."needs_identified",
    "t62"."products_held",
    "t62"."product_families_held",
    "t62"."months_as_customer",
    "t62"."total_balance",
    "t62"."vip_tier",
    "t62"."referrals_converted",
    "t62"."partners_on_books",
    "t62"."kyc_valid",
    "t62"."is_customer",
    "t62"."aml_flagged",
    "t62"."contacts_7d",
    "t62"."propensity_lift",
    COALESCE("t62"."contacts_total" >= 1, FALSE) AS "met__first_contact",
    COALESCE("t62"."events_attended_365d" >= 1, FALSE) AS "met__bank_trust",
    COALESCE("t62"."interactions_90d" >= 2, FALSE) AS "met__recent_contacts",
    COALESCE("t62"."needs_identified" >= 1, FALSE) AS "met__needs_known",
    COALESCE("t62"."products_held" >= 1, FALSE) AS "met__first_product",
    COALESCE((
      "t62"."care_events_180d" + "t62"."service_events_180d"
    ) >= 1, FALSE) AS "met__cared_for",
    COALESCE("t62"."complaints_open" = 0, FALSE) AS "met__no_open_complaint",
    COALESCE("t62"."product_families_held" >= 2, FALSE) AS "met__several_families",
    COALESCE("t62"."total_balance" >= 50000, FALSE) AS "met__balance_threshold",
    COALESCE("t62"."months_as_customer" >= 6, FALSE) AS "met__lasting_customer",
    COALESCE("t62"."vip_tier" >= 2, FALSE) AS "met__vip_status",
    COALESCE("t62"."product_families_held" >= 3, FALSE) AS "met__broad_partnership",
    COALESCE("t62"."interactions_90d" >= 3, FALSE) AS "met__regular_dialogue",
    COALESCE(
      (
        "t62"."referrals_converted" >= 1
      ) OR (
        "t62"."partners_on_books" >= 1
      ),
      FALSE
    ) AS "met__brings_others"
  FROM (
    SELECT
      "t14"."party_id",
      "t14"."rm_id",
      "t14"."party_kind",
      "t14"."segment",
      DATE_DIFF('DAY', CAST("t50"."last_contact_at" AS DATE), MAKE_DATE(2026, 6, 30)) AS "days_since_last_contact",
      COALESCE("t50"."contacts_total", 0) AS "contacts_total",
      COALESCE("t50"."interactions_90d", 0) AS "interactions_90d",
      COALESCE("t50"."events_attended_365d", 0) AS "events_attended_365d",
      COALESCE("t50"."care_events_180d", 0) AS "care_events_180d",
      COALESCE("t50"."service_events_180d", 0) AS "service_events_180d",
      COALESCE("t50"."complaints_open", 0) AS "complaints_open",
      COALESCE("t37"."needs_identified", 0) AS "needs_identified",
      COALESCE("t61"."products_held", 0) AS "products_held",
      COALESCE("t61"."product_families_held", 0) AS "product_families_held",
      CAST(FLOOR(
        (
          DATE_DIFF('DAY', "t61"."first_opened_on", MAKE_DATE(2026, 6, 30))
        ) / (
          30
        )
      ) AS BIGINT) AS "months_as_customer",
      CAST(ROUND(COALESCE("t61"."balance", 0.0), 2) AS DOUBLE) AS "total_balance",
      CASE
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t61"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t46"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t14"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 6000000
        )
        THEN 3
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t61"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t46"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t14"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 500000
        )
        THEN 2
        WHEN CAST(ROUND(
          CAST(ROUND(COALESCE("t61"."balance", 0.0), 2) AS DOUBLE) + (
            COALESCE("t46"."settlement_inflow_365d", 0.0) / 12
          ),
          2
        ) AS DOUBLE) >= (
          CASE WHEN "t14"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 50000
        )
        THEN 1
        ELSE 0
      END AS "vip_tier",
      COALESCE("t49"."referrals_converted", 0) AS "referrals_converted",
      COALESCE("t56"."partners_on_books", 0) AS "partners_on_books",
      COALESCE("t14"."kyc_expires_on" > MAKE_DATE(2026, 6, 30), FALSE) AS "kyc_valid",
      COALESCE("t14"."customer_since" <= MAKE_DATE(2026, 6, 30), FALSE) AS "is_customer",
      COALESCE("t43"."aml_flags_open" > 0, FALSE) AS "aml_flagged",
      COALESCE("t50"."contacts_7d", 0) AS "contacts_7d",
      CASE
        WHEN "t58"."propensity_lift" < 0.2
        THEN 0.2
        WHEN "t58"."propensity_lift" > 5.0
        THEN 5.0
        ELSE "t58"."propensity_lift"
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
    ) AS "t14"
    LEFT OUTER JOIN (
      SELECT
        "t41"."party_id" AS "party_id_0",
        "t41"."contacts_total",
        "t41"."interactions_90d",
        "t41"."events_attended_365d",
        "t41"."care_events_180d",
        "t41"."service_events_180d",
        "t41"."complaints_open",
        "t41"."contacts_7d",
        "t41"."last_contact_at"
      FROM (
        SELECT
          "t15"."party_id",
          COUNT(*) AS "contacts_total",
          COUNT(*) FILTER(WHERE
            "t15"."occurred_at" >= MAKE_TIMESTAMP(2026, 4, 2, 0, 0, 0.0)) AS "interactions_90d",
          COUNT(*) FILTER(WHERE
            (
              "t15"."kind" = 'event'
            )
            AND (
              "t15"."occurred_at" >= MAKE_TIMESTAMP(2025, 7, 1, 0, 0, 0.0)
            )) AS "events_attended_365d",
          COUNT(*) FILTER(WHERE
            (
              "t15"."kind" = 'care'
            )
            AND (
              "t15"."occurred_at" >= MAKE_TIMESTAMP(2026, 1, 2, 0, 0, 0.0)
            )) AS "care_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t15"."kind" = 'service'
            )
            AND (
              "t15"."occurred_at" >= MAKE_TIMESTAMP(2026, 1, 2, 0, 0, 0.0)
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
                "t15"."resolved_at" >= MAKE_TIMESTAMP(2026, 7, 1, 0, 0, 0.0)
              )
            )) AS "complaints_open",
          COUNT(*) FILTER(WHERE
            "t15"."kind" IN ('visit', 'call', 'message', 'care')
            AND (
              "t15"."occurred_at" >= MAKE_TIMESTAMP(2026, 6, 24, 0, 0, 0.0)
            )) AS "contacts_7d",
          MAX("t15"."occurred_at") AS "last_contact_at"
        FROM (
          SELECT
            *
          FROM "interaction" AS "t1"
          WHERE
            "t1"."occurred_at" < MAKE_TIMESTAMP(2026, 7, 1, 0, 0, 0.0)
        ) AS "t15"
        GROUP BY
          1
      ) AS "t41"
    ) AS "t50"
      ON "t14"."party_id" = "t50"."party_id_0"
    LEFT OUTER JOIN (
      SELECT
        "t28"."party_id" AS "party_id_1",
        "t28"."needs_identified"
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
      ) AS "t28"
    ) AS "t37"
      ON "t14"."party_id" = "t37"."party_id_1"
    LEFT OUTER JOIN (
      SELECT
        "t59"."party_id" AS "party_id_2",
        "t59"."products_held",
        "t59"."product_families_held",
        "t59"."first_opened_on",
        "t59"."balance"
      FROM (
        SELECT
          "t55"."party_id",
          SUM("t55"."held_now") AS "products_held",
          COUNT(*) FILTER(WHERE
            (
              "t55"."held_now" > 0
            ) AND (
              "t55"."family" IS NOT NULL
            )) AS "product_families_held",
          MIN("t55"."first_opened_on") AS "first_opened_on",
          SUM("t55"."balance") AS "balance"
        FROM (
          SELECT
            "t44"."party_id",
            "t44"."family",
            COUNT(*) FILTER(WHERE
              (
                "t44"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t44"."closed_on" IS NULL
                )
                OR (
                  "t44"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "held_now",
            MIN("t44"."opened_on") AS "first_opened_on",
            SUM("t44"."balance") FILTER(WHERE
              (
                "t44"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t44"."closed_on" IS NULL
                )
                OR (
                  "t44"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "balance"
          FROM (
            SELECT
              "t23"."id",
              "t23"."party_id",
              "t23"."product_code",
              "t23"."opened_on",
              "t23"."closed_on",
              "t31"."holding_id",
              "t31"."balance",
              "t11"."code",
              "t11"."family"
            FROM (
              SELECT
                *
              FROM "holding" AS "t6"
              WHERE
                "t6"."opened_on" <= MAKE_DATE(2026, 6, 30)
            ) AS "t23"
            LEFT OUTER JOIN (
              SELECT
                "t10"."holding_id",
                ARG_MAX(CAST("t10"."amount" AS DOUBLE), "t10"."snapshot_on") FILTER(WHERE
                  "t10"."snapshot_on" <= MAKE_DATE(2026, 6, 30)) AS "balance"
              FROM "balance" AS "t10"
              GROUP BY
                1
            ) AS "t31"
              ON "t23"."id" = "t31"."holding_id"
            LEFT OUTER JOIN "product" AS "t11"
              ON "t23"."product_code" = "t11"."code"
          ) AS "t44"
          GROUP BY
            1,
            2
        ) AS "t55"
        GROUP BY
          1
      ) AS "t59"
    ) AS "t61"
      ON "t14"."party_id" = "t61"."party_id_2"
    LEFT OUTER JOIN (
      SELECT
        "t52"."party_id" AS "party_id_3",
        "t52"."partners_on_books"
      FROM (
        SELECT
          "t47"."party_id",
          COUNT(DISTINCT "t47"."partner") AS "partners_on_books"
        FROM (
          SELECT
            "t33"."party_id",
            "t33"."partner_id",
            "t21"."partner"
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
            ) AS "t24"
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
            ) AS "t25"
          ) AS "t33"
          LEFT OUTER JOIN (
            SELECT
              "t0"."id" AS "partner"
            FROM "party" AS "t0"
            WHERE
              "t0"."customer_since" <= MAKE_DATE(2026, 6, 30)
          ) AS "t21"
            ON "t33"."partner_id" = "t21"."partner"
        ) AS "t47"
        GROUP BY
          1
      ) AS "t52"
    ) AS "t56"
      ON "t14"."party_id" = "t56"."party_id_3"
    LEFT OUTER JOIN (
      SELECT
        "t38"."party_id" AS "party_id_4",
        "t38"."referrals_converted"
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
      ) AS "t38"
    ) AS "t49"
      ON "t14"."party_id" = "t49"."party_id_4"
    LEFT OUTER JOIN (
      SELECT
        "t35"."party_id" AS "party_id_5",
        "t35"."settlement_inflow_365d"
      FROM (
        SELECT
          "t18"."party_id",
          SUM(CAST("t18"."inflow" AS DOUBLE)) AS "settlement_inflow_365d"
        FROM (
          SELECT
            *
          FROM "settlement" AS "t4"
          WHERE
            "t4"."month" > MAKE_DATE(2025, 6, 30) AND "t4"."month" <= MAKE_DATE(2026, 6, 30)
        ) AS "t18"
        GROUP BY
          1
      ) AS "t35"
    ) AS "t46"
      ON "t14"."party_id" = "t46"."party_id_5"
    LEFT OUTER JOIN (
      SELECT
        "t32"."party_id" AS "party_id_6",
        "t32"."aml_flags_open"
      FROM (
        SELECT
          "t22"."party_id",
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
        ) AS "t22"
        GROUP BY
          1
      ) AS "t32"
    ) AS "t43"
      ON "t14"."party_id" = "t43"."party_id_6"
    LEFT OUTER JOIN (
      SELECT
        "t54"."party_id" AS "party_id_7",
        "t54"."propensity_lift"
      FROM (
        SELECT
          "t51"."party_id",
          MAX("t51"."lift") AS "propensity_lift"
        FROM (
          SELECT
            "t30"."party_id",
            "t30"."as_of",
            "t30"."target",
            "t30"."lift",
            "t40"."latest_id",
            "t40"."latest_on"
          FROM "t20" AS "t30"
          INNER JOIN (
            SELECT
              "t26"."party_id" AS "latest_id",
              MAX("t26"."as_of") AS "latest_on"
            FROM "t20" AS "t26"
            GROUP BY
              1
          ) AS "t40"
            ON "t30"."party_id" = "t40"."latest_id" AND "t30"."as_of" = "t40"."latest_on"
        ) AS "t51"
        GROUP BY
          1
      ) AS "t54"
    ) AS "t58"
      ON "t14"."party_id" = "t58"."party_id_7"
  ) AS "t62"
) AS "t63"
ORDER BY
  "t63"."party_id" ASC
