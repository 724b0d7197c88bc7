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

/* page_progress.c: next step, progress, assignments, family report */
void progress_child_home_section(struct request *r);
int page_child_progress(struct request *r);
int page_group_progress(struct request *r);
int page_group_assign(struct request *r);
int page_child_follow(struct request *r);
int page_child_report_csv(struct request *r);
int page_child_report_pdf(struct request *r);
struct activity;
void progress_explore_render(struct request *r, const struct activity *path);
void progress_remediation_section(struct request *r, const struct activity *a, double score, int max_score);

/* Content resources, referential, catalogue, videos and publishing
 * (page_resource.c, page_media.c, page_referential.c, page_catalogue.c,
 * page_publish.c). */
struct activity;
bool content_visible(const struct request *r, const struct activity *a);
const char *content_href_prefix(const struct activity *a);
void resource_list_render(struct request *r, const char *subject);
int page_resource(struct request *r);
int page_media(struct request *r);
int page_video_progress(struct request *r);
int page_referential(struct request *r);
int page_catalogue(struct request *r);
int page_publish_form(struct request *r);
int page_publish_upload(struct request *r);
int page_publish(struct request *r);
/* page_dictation.c: the dictation question, called by page_activity.c */
struct activity;
struct question_result;
struct form;
/* The players, the given words and the text area of dictation question
 * `i`; `message` (or NULL) says why the last text was not accepted. */
void dictation_render_form(struct request *r, const struct activity *a, size_t i, const struct form *values, const char *message);
/* The correction of a graded dictation, on the result page. */
void dictation_render_correction(struct request *r, const struct question_result *res);
int page_dictation_audio(struct request *r);
/* page_licence.c, page_offer.c, page_offer_documents.c,
 * page_offer_training.c, page_training.c: the offer */
int page_licence(struct request *r);
int page_licence_request(struct request *r);
int page_licence_tutoring(struct request *r);
int page_offer_home(struct request *r);
int page_offer_prices(struct request *r);
int page_offer_prices_save(struct request *r);
int page_offer_issuer_save(struct request *r);
int page_offer_requests(struct request *r);
int page_offer_quote(struct request *r);
int page_offer_invoice(struct request *r);
int page_offer_credit(struct request *r);
int page_offer_document_pdf(struct request *r);
int page_offer_export(struct request *r);
int page_offer_training(struct request *r);
int page_offer_training_create(struct request *r);
int page_offer_training_session(struct request *r);
int page_offer_training_attendance(struct request *r);
int page_training(struct request *r);
int page_training_module(struct request *r);
int page_training_register(struct request *r);
int page_training_unregister(struct request *r);
int page_training_certificate(struct request *r);
int page_training_certificate_for(struct request *r);
/* page_tools.c, page_tools_*.c: dictionaries and tools */
int page_tools(struct request *r);
int page_tools_conjugation(struct request *r);
int page_tools_spelling(struct request *r);
int page_tools_dictionary(struct request *r);
int page_tools_calculator(struct request *r);
int page_tools_operation(struct request *r);
/* page_statistics.c */
int page_stats_home(struct request *r);
int page_stats_organisation(struct request *r);
int page_stats_structure(struct request *r);
int page_stats_group(struct request *r);
int page_stats_diagnostic_organisation(struct request *r);
int page_stats_diagnostic_structure(struct request *r);
int page_stats_indicator_organisation(struct request *r);
int page_stats_indicator_structure(struct request *r);
int page_event_hide(struct request *r);

/* page_survey.c */
int page_survey_builder(struct request *r);
int page_survey_create(struct request *r);
int page_survey_results(struct request *r);
int page_survey_sheet(struct request *r);
int page_survey_answer_form(struct request *r);
int page_survey_answer(struct request *r);
int page_survey_family_form(struct request *r);
int page_survey_family_answer(struct request *r);
/* page_cas.c, page_cas_admin.c: ENT single sign-on (CAS) */
int page_cas_login(struct request *r);
int page_cas_return(struct request *r);
int page_cas_admin_list(struct request *r);
int page_cas_admin_create(struct request *r);
int page_cas_admin_server(struct request *r);
int page_cas_admin_roles(struct request *r);
int page_cas_admin_class(struct request *r);
int page_cas_admin_open(struct request *r);

/* page_lti.c, page_lti_admin.c: LTI 1.3 tool */
int page_lti_jwks(struct request *r);
int page_lti_login(struct request *r);
int page_lti_launch(struct request *r);
int page_lti_pick(struct request *r);
int page_lti_pick_submit(struct request *r);
int page_lti_admin_list(struct request *r);
int page_lti_admin_create(struct request *r);
int page_lti_admin_rotate(struct request *r);

/* page_xapi.c: xAPI statements */
int page_xapi_settings(struct request *r);
int page_xapi_save(struct request *r);
int page_xapi_export(struct request *r);

/* page_exo_import.c: exercise import */
int page_exo_import_form(struct request *r);
int page_exo_import(struct request *r);
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

/* Correcting, switching off and deleting ENT servers and LTI platforms
 * (page_cas_edit.c, page_lti_platform.c). */
int page_cas_admin_update(struct request *r);
int page_cas_admin_delete_confirm(struct request *r);
int page_cas_admin_delete(struct request *r);
int page_lti_admin_platform(struct request *r);
int page_lti_admin_update(struct request *r);
int page_lti_admin_open(struct request *r);
int page_lti_admin_delete_confirm(struct request *r);
int page_lti_admin_delete(struct request *r);

#endif
