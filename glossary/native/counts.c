/* The miner's counts merged and added (glossary/mining/counting.py has the Python twins this must agree with, entry
 * for entry, in the same order): a worker's counts joined to the parent's, and a document's added to the corpus's.
 * Each was a loop in bytecode over a million entries of a large corpus; so was the C-value bookkeeping over them
 * (glossary/mining/corpus.py's nesting). (The features read their count columns in columns.c.)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "dicts.h"

/* counter.update(counts) for two dicts of ints: Counter.update loops over a mapping in bytecode */
static PyObject *add_counts(PyObject *self, PyObject *args) {
    PyObject *counter, *counts;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &counter, &PyDict_Type, &counts)) return NULL;
    if (add_all(counter, counts) < 0) return NULL;
    Py_RETURN_NONE;
}

/* for key, c in theirs.items(): mine's neighbours of key joined with c (Miner.merge's loop; a str is a neighbour
 * seen once, a dict its neighbours' counts) */
static PyObject *merge_neighbours(PyObject *self, PyObject *args) {
    PyObject *mine, *theirs, *key, *found;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &mine, &PyDict_Type, &theirs)) return NULL;
    Py_ssize_t pos = 0;
    while (PyDict_Next(theirs, &pos, &key, &found)) {
        PyObject *got = PyDict_GetItemWithError(mine, key);
        if (got == NULL) {
            if (PyErr_Occurred() || PyDict_SetItem(mine, key, found) < 0) return NULL;
            continue;
        }
        PyObject *into = got;
        if (PyDict_Check(got)) Py_INCREF(into);
        else if ((into = neighbours(NULL, got, 1)) == NULL) return NULL;
        int failed = PyDict_SetItem(mine, key, into) < 0
            || (PyDict_Check(found) ? add_all(into, found) : add(into, found, 1)) < 0;
        Py_DECREF(into);
        if (failed) return NULL;
    }
    Py_RETURN_NONE;
}

/* for key, value in theirs.items(): mine.setdefault(key, value) */
static PyObject *set_defaults(PyObject *self, PyObject *args) {
    PyObject *mine, *theirs, *key, *value;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &mine, &PyDict_Type, &theirs)) return NULL;
    Py_ssize_t pos = 0;
    while (PyDict_Next(theirs, &pos, &key, &value))
        if (PyDict_SetDefault(mine, key, value) == NULL) return NULL;
    Py_RETURN_NONE;
}

/* corpus.nesting's loop: for each candidate of two words or more seen twice or more (shapes: key -> its words'
 * lengths as characters, ngrams.shape), each run of its words that is a candidate and not the whole gets the key's
 * count added to f, 1 added to n, and its largest such count in top; in the order the Python twin visits them */
static PyObject *nesting(PyObject *self, PyObject *args) {
    PyObject *count, *shapes, *f, *n, *top, *key, *shape;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!", &PyDict_Type, &count, &PyDict_Type, &shapes, &PyDict_Type, &f,
                          &PyDict_Type, &n, &PyDict_Type, &top))
        return NULL;
    Py_ssize_t pos = 0;
    while (PyDict_Next(shapes, &pos, &key, &shape)) {
        if (!PyUnicode_Check(shape) || !PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "a candidate and its shape are strings");
            return NULL;
        }
        Py_ssize_t size = PyUnicode_GET_LENGTH(shape);
        if (size < 2) continue;
        PyObject *seen = PyDict_GetItemWithError(count, key);
        if (seen == NULL && PyErr_Occurred()) return NULL;
        long long c = seen == NULL ? 0 : PyLong_AsLongLong(seen); /* (a Counter's missing key counts 0) */
        if (c == -1 && PyErr_Occurred()) return NULL;
        if (c < 2) continue; /* a longer phrase seen once is no evidence that its parts are fragments */
        int kind = PyUnicode_KIND(shape);
        const void *lengths = PyUnicode_DATA(shape);
        Py_ssize_t start = 0;
        for (Py_ssize_t i = 0; i < size; i++) {
            Py_ssize_t end = start;
            for (Py_ssize_t j = i; j < (i ? size : size - 1); j++) {
                end += (Py_ssize_t)PyUnicode_READ(kind, lengths, j);
                PyObject *sub = PyUnicode_Substring(key, start, end);
                if (sub == NULL) return NULL;
                int has = PyDict_Contains(count, sub);
                if (has < 0) goto fail;
                if (!has) {
                    Py_DECREF(sub);
                    continue;
                }
                if (add(f, sub, c) < 0 || add(n, sub, 1) < 0) goto fail;
                PyObject *most = PyDict_GetItemWithError(top, sub);
                if (most == NULL && PyErr_Occurred()) goto fail;
                long long m = most == NULL ? 0 : PyLong_AsLongLong(most);
                if (m == -1 && PyErr_Occurred()) goto fail;
                if (c > m) {
                    PyObject *value = PyLong_FromLongLong(c);
                    int rc = value == NULL ? -1 : PyDict_SetItem(top, sub, value);
                    Py_XDECREF(value);
                    if (rc < 0) goto fail;
                }
                Py_DECREF(sub);
                continue;
            fail:
                Py_DECREF(sub);
                return NULL;
            }
            start += (Py_ssize_t)PyUnicode_READ(kind, lengths, i);
        }
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"add_counts", add_counts, METH_VARARGS, "add_counts(counter, counts): counter.update(counts), both dicts of ints."},
    {"merge_neighbours", merge_neighbours, METH_VARARGS, "merge_neighbours(mine, theirs): Miner.merge's neighbours."},
    {"set_defaults", set_defaults, METH_VARARGS, "set_defaults(mine, theirs): mine.setdefault(k, v) for theirs' items."},
    {"nesting", nesting, METH_VARARGS, "nesting(count, shapes, f, n, top): corpus.nesting's C-value bookkeeping."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "counts", NULL, -1, methods};

PyMODINIT_FUNC PyInit_counts(void) { return PyModule_Create(&module); }
