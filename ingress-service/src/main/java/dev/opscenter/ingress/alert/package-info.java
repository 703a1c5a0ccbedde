/** Admin API over alerts the worker created: list with filters, detail, bulk mark-read. */
package dev.opscenter.ingress.alert;
