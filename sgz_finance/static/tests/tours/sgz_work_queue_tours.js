import { registry } from "@web/core/registry";

// The app opens on each role's landing screen; the work waiting for a user is one
// click away (issue 10). Selectors use technical names, not labels, so the tours do
// not depend on the interface language.

function openApp() {
    return [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Social Work Stations app",
            trigger: '.o_app[data-menu-xmlid="sgz_stations.sgz_menu_root"]',
            run: "click",
        },
    ];
}

function openQueueRow(activityType) {
    return [
        {
            content: "The row of the task in the work queue",
            trigger: `.o_list_view .o_data_row:has(td[name="activity_type_id"]:contains("${activityType}")) td[name="res_name"]`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("sgz_manager_approves_award", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "The manager lands on the dashboard: what needs action",
            trigger: '.o_form_view button[name="action_open"]',
        },
        {
            content: "What waits for them is the next menu",
            trigger: '.o_main_navbar [data-menu-xmlid="sgz_stations.sgz_work_queue_menu"]',
            run: "click",
        },
        {
            content: "The work queue",
            trigger: '.o_breadcrumb:contains("Waiting for Me")',
        },
        ...openQueueRow("Approve the award"),
        {
            content: "Approve the award on the procurement",
            trigger: '.o_form_view button[name="action_approve_award"]',
            run: "click",
        },
        {
            content: "The procurement is awarded",
            trigger: '.o_form_view .o_statusbar_status button[data-value="awarded"].o_arrow_button_current',
        },
    ],
});

registry.category("web_tour.tours").add("sgz_agency_submits_brief", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "The agency lands on its projects and their next deadlines",
            trigger: '.o_list_view td[name="next_deadline_what"]',
        },
        {
            content: "Open what waits for the agency",
            trigger: '.o_menu_sections [data-menu-xmlid="sgz_stations.sgz_work_queue_menu"]',
            run: "click",
        },
        ...openQueueRow("Submit the overdue monthly brief"),
        {
            content: "Describe the work of the month",
            trigger: '.o_form_view div[name="work_summary"] textarea',
            run: "edit 本月入户探访独居老人12户，开展社区活动2场。",
        },
        {
            content: "Submit the brief",
            trigger: '.o_form_view button[name="action_submit"]',
            run: "click",
        },
        {
            content: "The brief is submitted",
            trigger: '.o_form_view .o_statusbar_status button[data-value="submitted"].o_arrow_button_current',
        },
    ],
});

registry.category("web_tour.tours").add("sgz_auditor_dashboard", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "The auditor lands on the dashboard; open the exceptions not reviewed",
            trigger: '.o_form_view button.o_sgz_figure_exceptions_open',
            run: "click",
        },
        {
            content: "The list of the exceptions the demo data shows",
            trigger: '.o_list_view .o_data_row td[name="rule"]',
        },
    ],
});
