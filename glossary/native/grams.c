/* The miner's counting loop over a document (glossary/mining/counting.py, and ngrams.py's expand and cut_edges, are
 * the Python twin this must agree with, entry for entry and in the same insertion order): the document's (word, tag)
 * pairs read into chunks, each chunk of words expanded into its candidate n-grams, and every occurrence counted
 * with the words on either side of it. Python paid a dictionary lookup, a string and a tuple per n-gram occurrence
 * in bytecode (half of a mine's counting); here the same dictionaries are updated from C.
 *
 * What the rules ask of a word (its tag, the stop list, the dictionaries) is worked out in Python (ngrams.word_rules)
 * once per word and tag, and kept: (flags, tail or None, head or None), the flags below.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "dicts.h"

enum {
    START_OK = 1,   /* may begin a candidate */
    END_OK = 2,     /* may end one */
    JOIN = 4,       /* a coordinator a name may hold (和, 及, 与) */
    NAME_END = 8,   /* ends as the name of a body or a law does (…部, …法): a coordinator after it joins two names */
    PLACE_TIME = 16, /* a direction, place or time word: no head of a name */
    HEAD = 32,      /* a term head or ends with one */
    LONE_SKIP = 64, /* no candidate standing alone (a lone character, a number) */
    DICT_START = 128, /* a stop word: begins only a candidate the dictionary lists whole */
};

#define MAX_TOKENS 7
#define MAX_CHARS 24

static PyObject *empty; /* "" */
static PyObject *separator; /* "\x01" */

/* grams.append((key, before, after, inner)), the key the one string of it in same (borrowed; NULL on error) */
static PyObject *append(PyObject *grams, PyObject *same, PyObject *key, PyObject *before, PyObject *after, int inner) {
    PyObject *own = PyDict_SetDefault(same, key, key);
    if (own == NULL) return NULL;
    PyObject *gram = PyTuple_Pack(4, own, before, after, inner ? Py_True : Py_False);
    if (gram == NULL) return NULL;
    int rc = PyList_Append(grams, gram);
    Py_DECREF(gram);
    return rc < 0 ? NULL : own;
}

/* the shape of a run of words: each word's length as one character, the one string of it in same (borrowed; NULL
 * on error): what the miner keeps of a candidate's words beside its key, which holds the words themselves (a tuple
 * of them, made for every candidate, was a tenth of a large corpus's counts; a shape is shared by every candidate
 * whose words are as long) */
static PyObject *shape_of(PyObject *same, PyObject *head, PyObject *const *w, Py_ssize_t n, PyObject *tail) {
    Py_UCS4 lengths[MAX_TOKENS + 2], most = 0;
    Py_ssize_t size = 0;
    if (n + (head != NULL) + (tail != NULL) > MAX_TOKENS + 2) {
        PyErr_SetString(PyExc_ValueError, "a candidate of more words than the miner counts");
        return NULL;
    }
    if (head != NULL) lengths[size++] = (Py_UCS4)PyUnicode_GET_LENGTH(head);
    for (Py_ssize_t i = 0; i < n; i++) lengths[size++] = (Py_UCS4)PyUnicode_GET_LENGTH(w[i]);
    if (tail != NULL) lengths[size++] = (Py_UCS4)PyUnicode_GET_LENGTH(tail);
    for (Py_ssize_t i = 0; i < size; i++) most = lengths[i] > most ? lengths[i] : most;
    PyObject *shape = PyUnicode_New(size, most);
    if (shape == NULL) return NULL;
    int kind = PyUnicode_KIND(shape);
    void *data = PyUnicode_DATA(shape);
    for (Py_ssize_t i = 0; i < size; i++) PyUnicode_WRITE(kind, data, i, lengths[i]);
    PyObject *own = PyDict_SetDefault(same, shape, shape);
    Py_DECREF(shape);
    return own;
}

/* shapes.setdefault(key, the shape of its words) where the shape is looked for only when the key is new */
static int remember(PyObject *shapes, PyObject *same, PyObject *key, PyObject *head, PyObject *const *w, Py_ssize_t n,
                    PyObject *tail) {
    int has = PyDict_Contains(shapes, key);
    if (has) return has < 0 ? -1 : 0;
    PyObject *shape = shape_of(same, head, w, n, tail);
    return shape == NULL ? -1 : PyDict_SetItem(shapes, key, shape);
}

/* key + word, the old key released */
static PyObject *extend(PyObject *key, PyObject *word, int front) {
    PyObject *out = front ? PyUnicode_Concat(word, key) : PyUnicode_Concat(key, word);
    Py_DECREF(key);
    return out;
}

/* ngrams.expand and ngrams.cut_edges over one chunk: w its words (interned), fl their flags, tails and heads the
 * words CC-CEDICT lists at their end and start (NULL: none); dictionary: CC-CEDICT's headwords (a dict) */
static int expand(PyObject *grams, PyObject *const *w, const long *fl, PyObject *const *tails, PyObject *const *heads,
                  Py_ssize_t n, PyObject *same, PyObject *shapes, PyObject *dictionary) {
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!(fl[i] & (START_OK | DICT_START))) continue;
        int listed_only = !(fl[i] & START_OK);
        PyObject *before = i && !(fl[i - 1] & JOIN) ? w[i - 1] : empty;
        PyObject *key = empty;
        Py_INCREF(key);
        int across = 0;
        Py_ssize_t stop = n < i + MAX_TOKENS ? n : i + MAX_TOKENS;
        for (Py_ssize_t j = i; j < stop; j++) {
            if ((key = extend(key, w[j], 0)) == NULL) return -1;
            across = across || (fl[j] & JOIN);
            int two_names = (fl[j] & JOIN) && j > 0 && (fl[j - 1] & NAME_END);
            if (PyUnicode_GET_LENGTH(key) > MAX_CHARS || two_names) break;
            if (!(fl[j] & END_OK) || (across && ((fl[j] & PLACE_TIME) || !(fl[j] & HEAD)))) continue;
            if (j == i && (fl[i] & LONE_SKIP)) continue;
            if (listed_only) {
                int listed = j == i ? 0 : PyDict_Contains(dictionary, key);
                if (listed < 0) {
                    Py_DECREF(key);
                    return -1;
                }
                if (!listed) continue;
            }
            PyObject *after = j + 1 < n && !(fl[j + 1] & JOIN) ? w[j + 1] : empty;
            PyObject *own = append(grams, same, key, before, after, 0);
            if (own == NULL || remember(shapes, same, own, NULL, w + i, j - i + 1, NULL) < 0) {
                Py_DECREF(key);
                return -1;
            }
        }
        Py_DECREF(key);
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t length = PyUnicode_GET_LENGTH(w[k]);
        if (tails[k] != NULL && (fl[k] & START_OK)) { /* runs that begin with the word's end and go on after it */
            PyObject *before = PyUnicode_Substring(w[k], 0, length - PyUnicode_GET_LENGTH(tails[k]));
            if (before == NULL) return -1;
            PyObject *key = tails[k];
            Py_INCREF(key);
            Py_ssize_t stop = n < k + MAX_TOKENS ? n : k + MAX_TOKENS;
            int failed = 0;
            for (Py_ssize_t j = k + 1; j < stop && !failed; j++) {
                if (fl[j] & JOIN) break;
                if ((key = extend(key, w[j], 0)) == NULL) { failed = 1; break; }
                if (PyUnicode_GET_LENGTH(key) > MAX_CHARS) break;
                if (fl[j] & END_OK) {
                    PyObject *after = j + 1 < n && !(fl[j + 1] & JOIN) ? w[j + 1] : empty;
                    PyObject *own = append(grams, same, key, before, after, 1);
                    failed = own == NULL || remember(shapes, same, own, tails[k], w + k + 1, j - k, NULL) < 0;
                }
            }
            Py_XDECREF(key);
            Py_DECREF(before);
            if (failed) return -1;
        }
        if (heads[k] != NULL && (fl[k] & END_OK)) { /* runs that end with the word's start and begin before it */
            PyObject *after = PyUnicode_Substring(w[k], PyUnicode_GET_LENGTH(heads[k]), length);
            if (after == NULL) return -1;
            PyObject *key = heads[k];
            Py_INCREF(key);
            Py_ssize_t stop = k - MAX_TOKENS > -1 ? k - MAX_TOKENS : -1;
            int failed = 0;
            for (Py_ssize_t i = k - 1; i > stop && !failed; i--) {
                if (fl[i] & JOIN) break;
                if ((key = extend(key, w[i], 1)) == NULL) { failed = 1; break; }
                if (PyUnicode_GET_LENGTH(key) > MAX_CHARS) break;
                if (fl[i] & START_OK) {
                    PyObject *before = i && !(fl[i - 1] & JOIN) ? w[i - 1] : empty;
                    PyObject *own = append(grams, same, key, before, after, 1);
                    failed = own == NULL || remember(shapes, same, own, NULL, w + i, k - i, heads[k]) < 0;
                }
            }
            Py_XDECREF(key);
            Py_DECREF(after);
            if (failed) return -1;
        }
    }
    return 0;
}

/* one n-gram's occurrences: see Miner.add (a gram seen once keeps its neighbours as the words themselves) */
static int count(PyObject *gram, long long k, PyObject *local, PyObject *left, PyObject *right, PyObject *cut) {
    PyObject *key = PyTuple_GET_ITEM(gram, 0), *before = PyTuple_GET_ITEM(gram, 1);
    PyObject *after = PyTuple_GET_ITEM(gram, 2);
    if (add(local, key, k) < 0) return -1;
    if (PyTuple_GET_ITEM(gram, 3) == Py_True && add(cut, key, k) < 0) return -1;
    PyObject *lc = PyDict_GetItemWithError(left, key);
    if (lc == NULL) {
        if (PyErr_Occurred()) return -1;
        if (k == 1) return PyDict_SetItem(left, key, before) < 0 || PyDict_SetItem(right, key, after) < 0 ? -1 : 0;
        PyObject *l = neighbours(NULL, before, k), *r = neighbours(NULL, after, k);
        int rc = l == NULL || r == NULL || PyDict_SetItem(left, key, l) < 0 || PyDict_SetItem(right, key, r) < 0;
        Py_XDECREF(l);
        Py_XDECREF(r);
        return rc ? -1 : 0;
    }
    PyObject *rc_ = PyDict_GetItemWithError(right, key);
    if (rc_ == NULL) {
        if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, key);
        return -1;
    }
    if (PyUnicode_Check(lc) || PyUnicode_Check(rc_)) { /* a second occurrence: both sides become dicts */
        PyObject *l = neighbours(lc, before, k), *r = neighbours(rc_, after, k);
        int rc = l == NULL || r == NULL || PyDict_SetItem(left, key, l) < 0 || PyDict_SetItem(right, key, r) < 0;
        Py_XDECREF(l);
        Py_XDECREF(r);
        return rc ? -1 : 0;
    }
    return add(lc, before, k) < 0 || add(rc_, after, k) < 0 ? -1 : 0;
}

static PyObject *default_tag; /* "n": the tag of a word tag_of lacks */

/* What the rules say of a word under its tag in tag_of now: (bits, tail, head), borrowed from known, which keeps
 * word -> (tag, answer) and asks rules(word, tag) (ngrams.word_rules) where the word is new or its tag changed */
static PyObject *word_info(PyObject *word, PyObject *known, PyObject *tag_of, PyObject *rules) {
    PyObject *tag = PyDict_GetItemWithError(tag_of, word);
    if (tag == NULL) {
        if (PyErr_Occurred()) return NULL;
        tag = default_tag;
    }
    PyObject *entry = PyDict_GetItemWithError(known, word);
    if (entry != NULL) {
        int same = PyObject_RichCompareBool(PyTuple_GET_ITEM(entry, 0), tag, Py_EQ);
        if (same < 0) return NULL;
        if (same) return PyTuple_GET_ITEM(entry, 1);
    } else if (PyErr_Occurred()) {
        return NULL;
    }
    PyObject *info = PyObject_CallFunctionObjArgs(rules, word, tag, NULL);
    if (info == NULL) return NULL;
    if (!PyTuple_Check(info) || PyTuple_GET_SIZE(info) != 3) {
        Py_DECREF(info);
        PyErr_SetString(PyExc_TypeError, "the rules of a word are (bits, tail, head)");
        return NULL;
    }
    entry = PyTuple_Pack(2, tag, info);
    Py_DECREF(info);
    if (entry == NULL) return NULL;
    int rc = PyDict_SetItem(known, word, entry);
    Py_DECREF(entry);
    return rc < 0 ? NULL : info; /* (known holds it) */
}

/* the n-grams of one chunk, from the cache or expanded now (a new reference); rules_of: (known, tag_of, rules) as
 * word_info reads them, and the dictionary expand reads */
static PyObject *chunk_grams(PyObject *part, PyObject *rules_of, PyObject *cache, PyObject *once, PyObject *same,
                             PyObject *shapes) {
    PyObject *grams = PyDict_GetItemWithError(cache, part);
    if (grams != NULL) { Py_INCREF(grams); return grams; }
    if (PyErr_Occurred()) return NULL;
    PyObject *split = PyUnicode_Split(part, separator, -1);
    if (split == NULL) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(split);
    PyObject **w = PyMem_Malloc(sizeof(PyObject *) * (3 * n + 1));
    long *fl = PyMem_Malloc(sizeof(long) * (n + 1));
    grams = PyList_New(0);
    int failed = w == NULL || fl == NULL || grams == NULL;
    PyObject **tails = w + n, **heads = w + 2 * n;
    for (Py_ssize_t i = 0; i < n && !failed; i++) {
        PyObject *word = PyDict_SetDefault(same, PyList_GET_ITEM(split, i), PyList_GET_ITEM(split, i));
        PyObject *info = word != NULL ? word_info(word, PyTuple_GET_ITEM(rules_of, 0), PyTuple_GET_ITEM(rules_of, 1),
                                                  PyTuple_GET_ITEM(rules_of, 2))
                                      : NULL;
        if (info == NULL) {
            failed = 1;
            break;
        }
        w[i] = word;
        fl[i] = PyLong_AsLong(PyTuple_GET_ITEM(info, 0));
        tails[i] = PyTuple_GET_ITEM(info, 1) == Py_None ? NULL : PyTuple_GET_ITEM(info, 1);
        heads[i] = PyTuple_GET_ITEM(info, 2) == Py_None ? NULL : PyTuple_GET_ITEM(info, 2);
    }
    failed = failed || expand(grams, w, fl, tails, heads, n, same, shapes, PyTuple_GET_ITEM(rules_of, 3)) < 0;
    PyMem_Free(w);
    PyMem_Free(fl);
    Py_DECREF(split);
    if (!failed) {
        /* kept from a chunk's second sighting on (one or two words' at once): nine chunks in ten never recur */
        int seen = PySet_Contains(once, part);
        Py_ssize_t joins = seen < 0 ? -1 : PyUnicode_Count(part, separator, 0, PY_SSIZE_T_MAX);
        if (seen < 0 || joins < 0) failed = 1;
        else if (seen || joins < 2) failed = PyDict_SetItem(cache, part, grams) < 0;
        else failed = PySet_Add(once, part) < 0;
    }
    if (failed) { Py_XDECREF(grams); return NULL; }
    return grams;
}

static PyObject *count_chunks(PyObject *self, PyObject *args) {
    PyObject *chunks, *rules_of, *cache, *once, *same, *shapes, *local, *left, *right, *cut;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!O!O!O!O!", &PyDict_Type, &chunks, &PyTuple_Type, &rules_of, &PyDict_Type,
                          &cache, &PySet_Type, &once, &PyDict_Type, &same, &PyDict_Type, &shapes, &PyDict_Type, &local,
                          &PyDict_Type, &left, &PyDict_Type, &right, &PyDict_Type, &cut))
        return NULL;
    if (PyTuple_GET_SIZE(rules_of) != 4 || !PyDict_Check(PyTuple_GET_ITEM(rules_of, 0))
        || !PyDict_Check(PyTuple_GET_ITEM(rules_of, 1)) || !PyCallable_Check(PyTuple_GET_ITEM(rules_of, 2))
        || !PyDict_Check(PyTuple_GET_ITEM(rules_of, 3))) {
        PyErr_SetString(PyExc_TypeError, "rules_of is (known: dict, tag_of: dict, rules: callable, dictionary: dict)");
        return NULL;
    }
    Py_ssize_t pos = 0;
    PyObject *part, *times;
    while (PyDict_Next(chunks, &pos, &part, &times)) {
        long long k = PyLong_AsLongLong(times);
        if (k == -1 && PyErr_Occurred()) return NULL;
        PyObject *grams = chunk_grams(part, rules_of, cache, once, same, shapes);
        if (grams == NULL) return NULL;
        for (Py_ssize_t g = 0; g < PyList_GET_SIZE(grams); g++) {
            if (count(PyList_GET_ITEM(grams, g), k, local, left, right, cut) < 0) {
                Py_DECREF(grams);
                return NULL;
            }
        }
        Py_DECREF(grams);
    }
    Py_RETURN_NONE;
}

/* str.isspace() */
static int is_space(PyObject *word) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    if (n == 0) return 0;
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

/* chunks[the run's words joined by \x01] += 1, the run emptied */
static int flush(PyObject *run, PyObject *chunks) {
    Py_ssize_t n = PyList_GET_SIZE(run);
    if (n == 0) return 0;
    PyObject *key = PyUnicode_Join(separator, run);
    int rc = key == NULL || add(chunks, key, 1) < 0 || PyList_SetSlice(run, 0, n, NULL) < 0;
    Py_XDECREF(key);
    return rc ? -1 : 0;
}

/* Miner.add's reading of a document's (word, tag) pairs: tag_of[word] = tag; words[word] += 1 (but for spaces);
 * and each run of words between breaks (units[pair] is the word, or "\x00" where it breaks the text) counted in
 * chunks under its words joined by \x01 -- what "\x01".join(units), split at "\x00", gave, for a text that holds
 * neither character */
static PyObject *chunk_pairs(PyObject *self, PyObject *args) {
    PyObject *pairs, *units, *tag_of, *words, *chunks;
    if (!PyArg_ParseTuple(args, "O!OO!O!O!", &PyList_Type, &pairs, &units, &PyDict_Type, &tag_of, &PyDict_Type, &words,
                          &PyDict_Type, &chunks))
        return NULL;
    PyObject *run = PyList_New(0);
    if (run == NULL) return NULL;
    int failed = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(pairs) && !failed; i++) {
        PyObject *pair = PyList_GET_ITEM(pairs, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0))) {
            PyErr_SetString(PyExc_TypeError, "pairs are (word, tag) tuples");
            failed = 1;
            break;
        }
        PyObject *word = PyTuple_GET_ITEM(pair, 0);
        if (PyDict_SetItem(tag_of, word, PyTuple_GET_ITEM(pair, 1)) < 0 || (!is_space(word) && add(words, word, 1) < 0)) {
            failed = 1;
            break;
        }
        PyObject *unit = PyObject_GetItem(units, pair);
        if (unit == NULL || !PyUnicode_Check(unit)) {
            if (unit != NULL) PyErr_SetString(PyExc_TypeError, "a unit is a string");
            Py_XDECREF(unit);
            failed = 1;
            break;
        }
        if (PyUnicode_GET_LENGTH(unit) == 1 && PyUnicode_READ_CHAR(unit, 0) == 0) failed = flush(run, chunks) < 0;
        else failed = PyList_Append(run, unit) < 0;
        Py_DECREF(unit);
    }
    failed = failed || flush(run, chunks) < 0;
    Py_DECREF(run);
    if (failed) return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"chunk_pairs", chunk_pairs, METH_VARARGS,
     "chunk_pairs(pairs, units, tag_of, words, chunks): a document's pairs read into tags, word counts and chunks."},
    {"count_chunks", count_chunks, METH_VARARGS,
     "count_chunks(chunks, (known, tag_of, rules, dictionary), cache, once, same, shapes, local, left, right, cut): "
     "Miner.add's "
     "counting loop."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "grams", NULL, -1, methods};

PyMODINIT_FUNC PyInit_grams(void) {
    empty = PyUnicode_FromStringAndSize("", 0);
    separator = PyUnicode_FromStringAndSize("\x01", 1);
    default_tag = PyUnicode_FromString("n");
    if (empty == NULL || separator == NULL || default_tag == NULL) return NULL;
    return PyModule_Create(&module);
}
