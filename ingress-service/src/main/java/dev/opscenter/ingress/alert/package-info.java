/**
 * Admin API over alerts the worker created: list with filters ({@code AlertFilter}) and keyset paging, repeats grouped,
 * detail, bulk mark-read, and triage moves published live.
 */
package dev.opscenter.ingress.alert;
