{
    "name": "Social Work Station Procurement (社工站服务采购)",
    "summary": "Buying station services: inquiry, competitive consultation, single "
    "source, recorded tenders; qualification documents, sealed quotes, review, award, "
    "result notice and the service contract with its payment plan",
    "version": "18.0.1.0.0",
    "category": "Services/Social Work Stations",
    "author": "sgz contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["sgz_stations"],
    "external_dependencies": {"python": ["chinesecalendar"]},
    "data": [
        "security/ir.model.access.csv",
        "security/sgz_procurement_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/sgz_qualification_document_views.xml",
        "views/res_partner_views.xml",
        "views/sgz_quote_views.xml",
        "views/sgz_procurement_views.xml",
        "views/sgz_contract_views.xml",
        "views/sgz_holiday_views.xml",
        "views/menus.xml",
    ],
    "demo": [],
}
