/* The features' columns read candidate by candidate (glossary/mining/columns.py holds the Python twins this must agree
 * with, to the last bit): its counts and its neighbours' entropies, its words as ids, whether it is in a set or ends
 * in a term head, its length, script and digits, its general frequency and its ECDICT entry. Each was a comprehension over every
 * candidate in bytecode (two fifths of what the features cost); here a candidate's string is only read, never
 * referenced, so a forked feature worker also writes to fewer of the pages it shares with its parent.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

#include "buffers.h"

/* The candidates' words, each once, in the order first seen (a word's id is its place there), how many words each
 * key has and every key's word ids one after another: (words, lens as bytes of int64, flat as bytes of int32)
 * for the words of each of keys, cut by its shape in shapes (ngrams.shape: the words' lengths as characters; a key
 * with none, or a shape of one, is one word), in one pass (three passes over a 16 MB corpus's 1.25 million keys'
 * words took 1.77 s, one takes 0.56 s) */
static PyObject *word_ids(PyObject *self, PyObject *args) {
    PyObject *keys, *shapes;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &keys, &PyDict_Type, &shapes)) return NULL;
    Py_ssize_t n_keys = PyList_GET_SIZE(keys), used = 0, room = n_keys * 3 + 16;
    PyObject *words = PyList_New(0), *ids = PyDict_New(), *flat = NULL;
    PyObject *lens = PyBytes_FromStringAndSize(NULL, n_keys * (Py_ssize_t)sizeof(long long));
    int *at = PyMem_Malloc(room * sizeof(int));
    if (words == NULL || ids == NULL || lens == NULL || at == NULL) goto fail;
    long long *len_at = (long long *)PyBytes_AS_STRING(lens);
    for (Py_ssize_t i = 0; i < n_keys; i++) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        PyObject *shape = PyDict_GetItemWithError(shapes, key);
        if (shape == NULL && PyErr_Occurred()) goto fail;
        if (shape != NULL && !PyUnicode_Check(shape)) {
            PyErr_SetString(PyExc_TypeError, "a candidate's shape is a string");
            goto fail;
        }
        Py_ssize_t n = shape == NULL || PyUnicode_GET_LENGTH(shape) < 2 ? 1 : PyUnicode_GET_LENGTH(shape);
        len_at[i] = n;
        if (used + n > room) {
            room = 2 * room + n;
            int *more = PyMem_Realloc(at, room * sizeof(int));
            if (more == NULL) goto fail;
            at = more;
        }
        Py_ssize_t start = 0;
        for (Py_ssize_t j = 0; j < n; j++) {
            PyObject *word;
            if (n == 1) {
                word = key;
                Py_INCREF(word);
            } else {
                Py_ssize_t end = start + (Py_ssize_t)PyUnicode_READ_CHAR(shape, j);
                word = PyUnicode_Substring(key, start, end);
                start = end;
                if (word == NULL) goto fail;
            }
            PyObject *id = PyDict_GetItemWithError(ids, word);
            if (id == NULL) {
                if (PyErr_Occurred()) goto fail_word;
                Py_ssize_t next = PyList_GET_SIZE(words);
                if (next >= INT_MAX || (id = PyLong_FromSsize_t(next)) == NULL) goto fail_word;
                int rc = PyDict_SetItem(ids, word, id) < 0 || PyList_Append(words, word) < 0;
                Py_DECREF(id);  /* (ids holds it) */
                if (rc) goto fail_word;
                at[used++] = (int)next;
            } else {
                at[used++] = (int)PyLong_AsLong(id);
            }
            Py_DECREF(word);
            continue;
        fail_word:
            Py_DECREF(word);
            goto fail;
        }
    }
    flat = PyBytes_FromStringAndSize((const char *)at, used * (Py_ssize_t)sizeof(int));
    PyMem_Free(at);
    if (flat == NULL) goto fail_after;
    Py_DECREF(ids);  /* (the ids are the words' places: the caller needs only the words) */
    return Py_BuildValue("(NNN)", words, lens, flat);
fail:
    PyMem_Free(at);
fail_after:
    Py_XDECREF(words);
    Py_XDECREF(ids);
    Py_XDECREF(lens);
    return NULL;
}

/* a test of one key: 1, 0, or -1 with an error set; `with` is what the caller read from its arguments */
typedef int (*KeyTest)(PyObject *key, const void *with);

/* out[i] = 1.0 where test(keys[i]) holds, else 0.0 (out a float64 array of one entry a key) */
static PyObject *flags(PyObject *out, PyObject *keys, KeyTest test, const void *with) {
    Py_ssize_t n = PyList_GET_SIZE(keys);
    Py_buffer view;
    if (doubles(out, &view, n) < 0) return NULL;
    double *at = view.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        int has = test(PyList_GET_ITEM(keys, i), with);
        if (has < 0) break;
        at[i] = has ? 1.0 : 0.0;
    }
    PyBuffer_Release(&view);
    if (PyErr_Occurred()) return NULL;
    Py_RETURN_NONE;
}

static int is_member(PyObject *key, const void *container) { return PySequence_Contains((PyObject *)container, key); }

/* out[i] = keys[i] in container (a set or a dict) */
static PyObject *members(PyObject *self, PyObject *args) {
    PyObject *out, *container, *keys;
    if (!PyArg_ParseTuple(args, "OOO!", &out, &container, &PyList_Type, &keys)) return NULL;
    return flags(out, keys, is_member, container);
}

typedef struct {
    PyObject *heads;
    Py_ssize_t longest;
} Heads;

/* whether key ends in one of the heads that is not the whole of it, the longest first */
static int ends_in_head(PyObject *key, const void *with) {
    const Heads *h = with;
    Py_ssize_t len = PyUnicode_GET_LENGTH(key);
    for (Py_ssize_t s = len - 1 < h->longest ? len - 1 : h->longest; s >= 1; s--) {
        PyObject *tail = PyUnicode_Substring(key, len - s, len);
        if (tail == NULL) return -1;
        int has = PySequence_Contains(h->heads, tail);
        Py_DECREF(tail);
        if (has) return has;
    }
    return 0;
}

/* out[i] = whether keys[i] ends in one of heads (a set of strings, the longest `longest` characters) that is not
 * the whole of it: filters.term_head(key) is not None */
static PyObject *ends_in_member(PyObject *self, PyObject *args) {
    PyObject *out, *keys;
    Heads h;
    if (!PyArg_ParseTuple(args, "OOnO!", &out, &h.heads, &h.longest, &PyList_Type, &keys)) return NULL;
    return flags(out, keys, ends_in_head, &h);
}

typedef struct {
    PyObject *suffixes;
    Py_ssize_t min_len;
} Suffixes;

static int ends_in_suffix(PyObject *key, const void *with) {
    const Suffixes *x = with;
    if (PyUnicode_GET_LENGTH(key) < x->min_len) return 0;
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(x->suffixes); j++) {
        Py_ssize_t hit = PyUnicode_Tailmatch(key, PyTuple_GET_ITEM(x->suffixes, j), 0, PY_SSIZE_T_MAX, 1);
        if (hit) return hit > 0 ? 1 : -1;
    }
    return 0;
}

/* out[i] = keys[i].endswith(suffixes) and len(keys[i]) >= min_len */
static PyObject *ends_with(PyObject *self, PyObject *args) {
    PyObject *out, *keys;
    Suffixes x;
    if (!PyArg_ParseTuple(args, "OO!nO!", &out, &PyTuple_Type, &x.suffixes, &x.min_len, &PyList_Type, &keys))
        return NULL;
    return flags(out, keys, ends_in_suffix, &x);
}

/* whether the key's last or first character is in the container */
static int has_edge_in(PyObject *key, const void *container) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(key);
    for (int end = 1; end >= 0 && len > 0; end--) {
        PyObject *ch = PyUnicode_FromOrdinal(PyUnicode_READ_CHAR(key, end ? len - 1 : 0));
        if (ch == NULL) return -1;
        int has = PySequence_Contains((PyObject *)container, ch);
        Py_DECREF(ch);
        if (has) return has;
    }
    return 0;
}

/* out[i] = keys[i][-1:] in container or keys[i][:1] in container (a set or a dict of characters) */
static PyObject *edge_in(PyObject *self, PyObject *args) {
    PyObject *out, *container, *keys;
    if (!PyArg_ParseTuple(args, "OOO!", &out, &container, &PyList_Type, &keys)) return NULL;
    return flags(out, keys, has_edge_in, container);
}

/* whether the key is not ASCII and fn(key) is true */
static int known_to(PyObject *key, const void *fn) {
    if (PyUnicode_IS_ASCII(key)) return 0;
    PyObject *got = PyObject_CallOneArg((PyObject *)fn, key);
    if (got == NULL) return -1;
    int is = PyObject_IsTrue(got);
    Py_DECREF(got);
    return is;
}

/* out[i] = not keys[i].isascii() and bool(fn(keys[i])) (the segmenter's dictionary holds it) */
static PyObject *known(PyObject *self, PyObject *args) {
    PyObject *out, *fn, *keys;
    if (!PyArg_ParseTuple(args, "OOO!", &out, &fn, &PyList_Type, &keys)) return NULL;
    return flags(out, keys, known_to, fn);
}

/* four columns a key: log(len(key)); key.isascii(); a letter A-Z or a-z in a key that is not ASCII; a character
 * that str.isdigit calls a digit */
static PyObject *shape(PyObject *self, PyObject *args) {
    PyObject *out, *keys;
    if (!PyArg_ParseTuple(args, "OO!", &out, &PyList_Type, &keys)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(keys);
    Py_buffer view;
    if (doubles(out, &view, 4 * n) < 0) return NULL;
    double *row = view.buf;
    for (Py_ssize_t i = 0; i < n; i++, row += 4) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        if (len == 0) {
            PyErr_SetString(PyExc_ValueError, "math domain error");
            break;
        }
        int ascii = PyUnicode_IS_ASCII(key), kind = PyUnicode_KIND(key), latin = 0, digit = 0;
        const void *data = PyUnicode_DATA(key);
        for (Py_ssize_t j = 0; j < len; j++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, j);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) latin = 1;
            if (Py_UNICODE_ISDIGIT(c)) digit = 1;
        }
        row[0] = log((double)len);
        row[1] = ascii ? 1.0 : 0.0;
        row[2] = !ascii && latin ? 1.0 : 0.0;
        row[3] = digit ? 1.0 : 0.0;
    }
    PyBuffer_Release(&view);
    if (PyErr_Occurred()) return NULL;
    Py_RETURN_NONE;
}

/* a key's row of doubles from what a mapping holds for it (NULL: nothing): 0, or -1 with an error set */
typedef int (*RowOf)(PyObject *value, double *row, const void *with);

/* for each key, its row of `width` doubles (out: n x width float64) from mapping.get(key) */
static PyObject *rows(PyObject *out, PyObject *mapping, PyObject *keys, Py_ssize_t width, RowOf fill,
                      const void *with) {
    Py_ssize_t n = PyList_GET_SIZE(keys);
    Py_buffer view;
    if (doubles(out, &view, width * n) < 0) return NULL;
    double *row = view.buf;
    for (Py_ssize_t i = 0; i < n; i++, row += width) {
        PyObject *value = PyDict_GetItemWithError(mapping, PyList_GET_ITEM(keys, i));
        if ((value == NULL && PyErr_Occurred()) || fill(value, row, with) < 0) break;
    }
    PyBuffer_Release(&view);
    if (PyErr_Occurred()) return NULL;
    Py_RETURN_NONE;
}

static int number_or_zero(PyObject *value, double *row, const void *with) {
    row[0] = value == NULL ? 0.0 : PyFloat_AsDouble(value);
    return PyErr_Occurred() ? -1 : 0;
}

/* out[i] = mapping.get(keys[i], 0) for dicts of ints (a column of counts; a generator in bytecode cost a tenth of
 * a second per 100,000 keys, and the features read nine such columns) */
static PyObject *lookup(PyObject *self, PyObject *args) {
    PyObject *out, *mapping, *keys;
    if (!PyArg_ParseTuple(args, "OO!O!", &out, &PyDict_Type, &mapping, &PyList_Type, &keys)) return NULL;
    return rows(out, mapping, keys, 1, number_or_zero, NULL);
}

static int log10_floored(PyObject *value, double *row, const void *floor) {
    double f = value == NULL || value == Py_None ? 0.0 : PyFloat_AsDouble(value), least = *(const double *)floor;
    if (PyErr_Occurred()) return -1;
    row[0] = log10(f > least ? f : least);
    return 0;
}

/* out[i] = log10(max(f, floor)), f = mapping.get(keys[i]) where that is a number, else 0.0 (a table's mapping
 * holds None for a key it has read and lacks) */
static PyObject *log10_lookup(PyObject *self, PyObject *args) {
    PyObject *out, *mapping, *keys;
    double floor;
    if (!PyArg_ParseTuple(args, "OO!dO!", &out, &PyDict_Type, &mapping, &floor, &PyList_Type, &keys)) return NULL;
    return rows(out, mapping, keys, 1, log10_floored, &floor);
}

static int entry_row(PyObject *value, double *row, const void *with) {
    row[0] = row[1] = row[2] = 0.0;
    if (value == NULL || value == Py_None) return 0;
    if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2) {
        PyErr_SetString(PyExc_TypeError, "an entry is a pair (n, field)");
        return -1;
    }
    long long count = PyLong_AsLongLong(PyTuple_GET_ITEM(value, 0));
    int field = PyObject_IsTrue(PyTuple_GET_ITEM(value, 1));
    if (PyErr_Occurred() || field < 0) return -1;
    row[0] = 1.0;
    row[1] = log((double)(1 + count));
    row[2] = field ? 1.0 : 0.0;
    return 0;
}

/* three columns a key, from its entry (a tuple (n, field) or None) in mapping: whether it has one, log(1 + n),
 * bool(field) — lexicon.entry's, where mapping holds every key (as None where the index lacks it) */
static PyObject *entries(PyObject *self, PyObject *args) {
    PyObject *out, *mapping, *keys;
    if (!PyArg_ParseTuple(args, "OO!O!", &out, &PyDict_Type, &mapping, &PyList_Type, &keys)) return NULL;
    return rows(out, mapping, keys, 3, entry_row, NULL);
}

/* (share of occurrences at a chunk's edge, entropy of the neighbours, log of distinct neighbours) of a candidate's
 * neighbours on one side (NULL: none; a str: the one of a candidate seen once; else a dict of counts), as
 * glossary/mining/columns.py's side_measures and entropy work them out: the same operations in the same order (the
 * neighbours in their insertion order), so the same doubles */
static int side_row(PyObject *found, double *row, const void *with) {
    row[0] = row[1] = row[2] = 0.0;
    if (found == NULL) return 0;
    if (PyUnicode_Check(found)) { /* seen once: one neighbour, the chunk's edge or a word */
        row[0] = PyUnicode_GET_LENGTH(found) == 0 ? 1.0 : 0.0;
        row[2] = log(2.0);
        return 0;
    }
    long long total = 0, edge = 0;
    Py_ssize_t pos = 0;
    PyObject *word, *c;
    while (PyDict_Next(found, &pos, &word, &c)) {
        long long k = PyLong_AsLongLong(c);
        total += k;
        if (PyUnicode_GET_LENGTH(word) == 0) edge = k;
    }
    if (PyErr_Occurred()) return -1;
    if (!total) return 0;
    double h = edge ? (double)edge * (1.0 / (double)total) * log((double)total) : 0.0;
    pos = 0;
    while (PyDict_Next(found, &pos, &word, &c)) {
        if (PyUnicode_GET_LENGTH(word) == 0) continue;
        double p = (double)PyLong_AsLongLong(c) / (double)total;
        h -= p * log(p);
    }
    row[0] = (double)edge / (double)total;
    row[1] = h;
    row[2] = log((double)(1 + edge + PyDict_GET_SIZE(found) - (edge ? 1 : 0)));
    return 0;
}

/* columns.side_measures of each key's neighbours on one side, into out (n x 3) */
static PyObject *neighbour_measures(PyObject *self, PyObject *args) {
    PyObject *out, *side, *keys;
    if (!PyArg_ParseTuple(args, "OO!O!", &out, &PyDict_Type, &side, &PyList_Type, &keys)) return NULL;
    return rows(out, side, keys, 3, side_row, NULL);
}

/* a read-only C-contiguous float64 buffer (a numpy array), or -1 with an error set */
static int read_doubles(PyObject *array, Py_buffer *view) {
    if (PyObject_GetBuffer(array, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    if (view->itemsize != sizeof(double) || view->format == NULL || strcmp(view->format, "d") != 0) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "expected a float64 array");
        return -1;
    }
    return 0;
}

/* out[i] = log(1 + max(values[i], 0)), as math.log gives it (the same libm call) */
static PyObject *log_counts(PyObject *self, PyObject *args) {
    PyObject *out, *values;
    if (!PyArg_ParseTuple(args, "OO", &out, &values)) return NULL;
    Py_buffer in, view;
    if (read_doubles(values, &in) < 0) return NULL;
    Py_ssize_t n = in.len / (Py_ssize_t)sizeof(double);
    if (doubles(out, &view, n) < 0) { PyBuffer_Release(&in); return NULL; }
    const double *v = in.buf;
    double *at = view.buf;
    for (Py_ssize_t i = 0; i < n; i++) at[i] = log(1.0 + (0.0 > v[i] ? 0.0 : v[i]));
    PyBuffer_Release(&view);
    PyBuffer_Release(&in);
    Py_RETURN_NONE;
}

/* [1 / (1 + exp(-max(-30, min(30, b + z[i]))))], a list of floats: the model's probabilities as
 * glossary.data.logistic works them out, the same operations in the same order */
static PyObject *logistic(PyObject *self, PyObject *args) {
    PyObject *values;
    double b;
    if (!PyArg_ParseTuple(args, "Od", &values, &b)) return NULL;
    Py_buffer in;
    if (read_doubles(values, &in) < 0) return NULL;
    Py_ssize_t n = in.len / (Py_ssize_t)sizeof(double);
    PyObject *out = PyList_New(n);
    if (out == NULL) { PyBuffer_Release(&in); return NULL; }
    const double *z = in.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        double t = b + z[i];
        t = t < 30.0 ? t : 30.0;   /* min(30.0, t): 30.0 unless t is smaller (a NaN too) */
        t = t > -30.0 ? t : -30.0; /* max(-30.0, t) */
        PyObject *p = PyFloat_FromDouble(1.0 / (1.0 + exp(-t)));
        if (p == NULL) { Py_DECREF(out); PyBuffer_Release(&in); return NULL; }
        PyList_SET_ITEM(out, i, p);
    }
    PyBuffer_Release(&in);
    return out;
}

static PyMethodDef methods[] = {
    {"word_ids", word_ids, METH_VARARGS,
     "word_ids(keys, shapes): (distinct words, lengths as int64 bytes, word ids as int32 bytes)."},
    {"members", members, METH_VARARGS, "members(out, container, keys): out[i] = keys[i] in container."},
    {"ends_in_member", ends_in_member, METH_VARARGS,
     "ends_in_member(out, heads, longest, keys): out[i] = keys[i] ends in one of heads (not the whole)."},
    {"ends_with", ends_with, METH_VARARGS,
     "ends_with(out, suffixes, min_len, keys): out[i] = keys[i].endswith(suffixes) and len >= min_len."},
    {"edge_in", edge_in, METH_VARARGS, "edge_in(out, container, keys): last or first character in container."},
    {"known", known, METH_VARARGS, "known(out, fn, keys): out[i] = not keys[i].isascii() and bool(fn(keys[i]))."},
    {"shape", shape, METH_VARARGS, "shape(out, keys): log length, ASCII, Latin letter, digit (n x 4)."},
    {"log10_lookup", log10_lookup, METH_VARARGS,
     "log10_lookup(out, mapping, floor, keys): out[i] = log10(max(mapping.get(k) or 0.0, floor))."},
    {"entries", entries, METH_VARARGS, "entries(out, mapping, keys): has, log(1 + n), field of each (n x 3)."},
    {"lookup", lookup, METH_VARARGS, "lookup(out, mapping, keys): out[i] = mapping.get(keys[i], 0), out float64."},
    {"neighbour_measures", neighbour_measures, METH_VARARGS,
     "neighbour_measures(out, side, keys): columns.side_measures of each key's neighbours into out (n x 3 float64)."},
    {"log_counts", log_counts, METH_VARARGS, "log_counts(out, values): out[i] = log(1 + max(values[i], 0))."},
    {"logistic", logistic, METH_VARARGS, "logistic(z, b): [1 / (1 + exp(-max(-30, min(30, b + v)))) for v in z]."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "columns", NULL, -1, methods};

PyMODINIT_FUNC PyInit_columns(void) { return PyModule_Create(&module); }
