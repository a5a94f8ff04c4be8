#ifndef MICIC_CLIBEDIT_SHIM_H
#define MICIC_CLIBEDIT_SHIM_H

// libedit's el_set, el_get and history are variadic, which Swift cannot call, and Swift 6
// refuses the C globals stdin, stdout and stderr: these small wrappers do both.

#include <locale.h>
#include <stdio.h>
#include <histedit.h>

typedef const char *(*micic_prompt_function)(EditLine *);
typedef unsigned char (*micic_complete_function)(EditLine *, int);

/// Starts an editor on the standard streams, with multi-byte input enabled.
static inline EditLine *micic_el_init(const char *program) {
    setlocale(LC_CTYPE, "");
    return el_init(program, stdin, stdout, stderr);
}

/// Emacs keys, a prompt (with \1 around colour escapes), history, tab completion through
/// `complete`, and `client` reachable from callbacks.
static inline void micic_el_configure(EditLine *editor, micic_prompt_function prompt, History *history_state,
                                      void *client, micic_complete_function complete) {
    el_set(editor, EL_EDITOR, "emacs");
    el_set(editor, EL_PROMPT_ESC, prompt, '\1');
    el_set(editor, EL_HIST, history, history_state);
    el_set(editor, EL_CLIENTDATA, client);
    el_set(editor, EL_ADDFN, "micic-complete", "Complete the word", complete);
    el_set(editor, EL_BIND, "^I", "micic-complete", NULL);
    el_set(editor, EL_SIGNAL, 1);
    el_source(editor, NULL);
}

/// The object registered with EL_CLIENTDATA.
static inline void *micic_el_client(EditLine *editor) {
    void *client = NULL;
    el_get(editor, EL_CLIENTDATA, &client);
    return client;
}

static inline History *micic_history_init(int size) {
    History *state = history_init();
    HistEvent event;
    history(state, &event, H_SETSIZE, size);
    history(state, &event, H_SETUNIQUE, 1);
    return state;
}

static inline void micic_history_enter(History *state, const char *line) {
    HistEvent event;
    history(state, &event, H_ENTER, line);
}

static inline int micic_history_load(History *state, const char *path) {
    HistEvent event;
    return history(state, &event, H_LOAD, path);
}

static inline int micic_history_save(History *state, const char *path) {
    HistEvent event;
    return history(state, &event, H_SAVE, path);
}

#endif
