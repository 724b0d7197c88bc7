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

#endif
