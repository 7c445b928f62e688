function Test-RgDriveFreeSpace {
    <#
    .SYNOPSIS
        Whether a drive has at least MinFreeBytes and MinFreePercent free (Get-RgDriveSpace). When it has less,
        the folders of LargestOf are measured (Get-RgFolderFiles) and the Report biggest named in the finding.
    .PARAMETER Step
        The step: Drive, MinFreeBytes (0: not looked at), MinFreePercent (0: not looked at), LargestOf, Report.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $culture = [System.Globalization.CultureInfo]::InvariantCulture
    $wanted = @()
    if ([long]$Step.MinFreeBytes -gt 0) {
        $wanted += Format-RgBytes -Bytes ([long]$Step.MinFreeBytes)
    }
    if ([int]$Step.MinFreePercent -gt 0) {
        $wanted += [string]$Step.MinFreePercent + '%'
    }
    $expected = 'at least ' + ($wanted -join ' and ') + ' free'
    $space = Get-RgDriveSpace -Drive ([string]$Step.Drive)
    if (-not $space.Exists) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual ('no drive ' + $Step.Drive) -Expected $expected
    }
    if (-not $space.Ready) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual ('drive ' + $Step.Drive + ' is not ready') -Expected $expected
    }
    $free = [long]$space.FreeBytes
    $percent = 0.0
    if ([long]$space.TotalBytes -gt 0) {
        $percent = 100.0 * $free / [long]$space.TotalBytes
    }
    $compliant = $free -ge [long]$Step.MinFreeBytes -and $percent -ge [double]$Step.MinFreePercent
    $actual = (Format-RgBytes -Bytes $free) + ' free of ' + (Format-RgBytes -Bytes ([long]$space.TotalBytes)) + ' (' + $percent.ToString('0', $culture) + '%)'
    if (-not $compliant -and @($Step.LargestOf).Count -gt 0) {
        $sizes = @(foreach ($folder in @($Step.LargestOf)) {
                try {
                    $listed = Get-RgFolderFiles -Path (Resolve-RgFilePath -Path ([string]$folder))
                }
                catch {
                    Write-RgLog -Message ($Step.Id + ': ' + $folder + ' could not be measured: ' + $_.Exception.Message) -Severity Warning
                    continue
                }
                if (-not $listed.Exists) {
                    continue
                }
                [long]$bytes = 0
                foreach ($file in @($listed.Files)) {
                    $bytes += [long]$file.Length
                }
                [pscustomobject]@{ Folder = [string]$folder; Bytes = $bytes }
            })
        $left = [System.Collections.Generic.List[object]]::new()
        foreach ($size in $sizes) {
            if ($size.Bytes -gt 0) {
                $left.Add($size)
            }
        }
        if ($left.Count -gt 0) {
            # Biggest first, picked one by one (Sort-Object is not a Core command).
            $named = @()
            while ($left.Count -gt 0 -and $named.Count -lt [int]$Step.Report) {
                $top = $left[0]
                foreach ($size in $left) {
                    if ($size.Bytes -gt $top.Bytes) {
                        $top = $size
                    }
                }
                $null = $left.Remove($top)
                $named += $top.Folder + ' ' + (Format-RgBytes -Bytes $top.Bytes)
            }
            $actual += '; largest: ' + ($named -join ', ')
        }
    }
    New-RgStepResult -Step $Step -Compliant $compliant -Actual $actual -Expected $expected
}
