/* Route handlers of the HTML pages, one group per file of src/web. */
#ifndef ARDOISE_WEB_PAGES_H
#define ARDOISE_WEB_PAGES_H

#include "http/request.h"

/* page_home.c */
int page_root(struct request *r);
int page_adult_home(struct request *r);
int page_health(struct request *r);

/* page_login.c */
int page_login(struct request *r);
int page_login_adult(struct request *r);
int page_login_child_code(struct request *r);
int page_login_child_names(struct request *r);
int page_login_child_pictures(struct request *r);
int page_login_child_submit(struct request *r);
int page_logout(struct request *r);

/* page_child.c */
int page_child_home(struct request *r);
int page_child_subject(struct request *r);
int page_child_results(struct request *r);

/* page_activity.c */
int page_activity(struct request *r);
int page_activity_submit(struct request *r);
int page_attempt(struct request *r);

/* page_reading.c */
int page_reading(struct request *r);
int page_reading_save(struct request *r);

/* page_style_guide.c */
int page_style_guide(struct request *r);

/* page_admin.c */
int page_admin_home(struct request *r);
int page_admin_structure(struct request *r);
int page_admin_group_create(struct request *r);

/* page_people.c */
int page_child_new(struct request *r);
int page_child_create(struct request *r);
int page_adult_new(struct request *r);
int page_adult_create(struct request *r);
int page_account_edit(struct request *r);
int page_account_update(struct request *r);
int page_account_deactivate_confirm(struct request *r);
int page_account_deactivate(struct request *r);
int page_account_reactivate(struct request *r);
int page_account_reset_password(struct request *r);
int page_child_card(struct request *r);
int page_child_new_card(struct request *r);
int page_child_unlock(struct request *r);

/* page_group.c */
int page_group(struct request *r);

/* page_cards.c */
int page_structure_cards(struct request *r);
int page_child_card_pdf(struct request *r);
int page_card_sign_in(struct request *r);

/* page_privacy.c */
int page_privacy_export(struct request *r);
int page_privacy_export_json(struct request *r);
int page_privacy_erase_confirm(struct request *r);
int page_privacy_erase(struct request *r);

/* page_journal.c */
int page_structure_journal(struct request *r);

/* page_import.c */
int page_import_form(struct request *r);
int page_import_upload(struct request *r);
int page_import_template(struct request *r);
int page_import_confirm(struct request *r);
int page_import_status(struct request *r);
int page_export(struct request *r);

/* page_account.c */
int page_account(struct request *r);
int page_account_password(struct request *r);
int page_account_sign_out_everywhere(struct request *r);

/* page_operator.c */
int page_operator_home(struct request *r);
int page_operator_organisation_new(struct request *r);
int page_operator_organisation_create(struct request *r);
int page_operator_structure_new(struct request *r);
int page_operator_structure_create(struct request *r);
int page_operator_financeur_new(struct request *r);
int page_operator_financeur_create(struct request *r);

/* Tutoring: page_tutor_child.c, page_tutor_conversation.c,
 * page_tutor_console.c, page_tutor_operator.c */
int page_tutoring_help(struct request *r);
int page_tutoring_ask(struct request *r);
int page_tutoring_ask_submit(struct request *r);
int page_tutoring_conversation(struct request *r);
int page_tutoring_message(struct request *r);
int page_tutoring_stream(struct request *r);
int page_tutoring_report(struct request *r);
int page_tutoring_child_list(struct request *r);
int page_tutor_console(struct request *r);
int page_tutor_presence(struct request *r);
int page_tutor_stream(struct request *r);
int page_tutor_claim(struct request *r);
int page_tutor_pass(struct request *r);
int page_tutor_close(struct request *r);
int page_tutor_reopen(struct request *r);
int page_tutor_snippets(struct request *r);
int page_tutor_snippet_add(struct request *r);
int page_tutor_snippet_delete(struct request *r);
int page_tutoring_settings(struct request *r);
int page_tutoring_hours_save(struct request *r);
int page_tutoring_reports(struct request *r);
int page_tutoring_report_review(struct request *r);
int page_tutoring_indicators(struct request *r);

#endif
