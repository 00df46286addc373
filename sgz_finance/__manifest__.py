{
    "name": "Social Work Station Finance (社工站资金管理)",
    "summary": "Project budgets with the guide's caps and rates, budget versions "
    "through approved change requests, staged disbursements gated by evaluations, "
    "booked as vendor bills and payments in the bureau's books",
    "version": "18.0.1.0.0",
    "category": "Services/Social Work Stations",
    "author": "sgz contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["sgz_procurement", "account"],
    "data": [
        "security/ir.model.access.csv",
        "security/sgz_finance_rules.xml",
        "data/sgz_budget_category_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/account_analytic_data.xml",
        "views/sgz_budget_views.xml",
        "views/sgz_disbursement_views.xml",
        "views/sgz_recovery_views.xml",
        "views/sgz_change_request_views.xml",
        "views/menus.xml",
        "views/sgz_agency_books_views.xml",
        "report/sgz_trial_balance_templates.xml",
        "report/sgz_project_ledger_templates.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_tests": ["sgz_finance/static/tests/tours/*.js"],
    },
    "demo": [
        "demo/translations_demo.xml",
        "demo/sgz_finance_demo.xml",
    ],
}
