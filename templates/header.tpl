{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Influencer ROI</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/{{QUERY}}">Influencer ROI</a>
  <nav aria-label="Main">
    <a href="/{{QUERY}}">Dashboard</a>
    <a href="/influencers{{QUERY}}">Influencers</a>
    <a href="/campaigns{{QUERY}}">Campaigns</a>
    <a href="/upload">Upload</a>
    <a href="/users">Users</a>
  </nav>
  <span class="version">Dataset version {{VERSION}}</span>
  <form method="post" action="/logout" class="signout"><button type="submit">Sign out</button></form>
</header>
<main>
